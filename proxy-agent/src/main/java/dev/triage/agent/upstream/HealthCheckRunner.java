package dev.triage.agent.upstream;

import dev.triage.agent.http.ProxyResponse;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks on the agent's upstream client: one scheduler thread for every group's ticks
 * and check timeouts, created on first use and ended by {@link #close}; the GETs themselves are
 * asynchronous, so a slow target never holds the scheduler.
 */
final class HealthCheckRunner implements CheckRunner, AutoCloseable {

    /** A health check reads at most this much of the answer. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRunner.class);

    private final CloseableHttpAsyncClient client;
    private ScheduledThreadPoolExecutor scheduler;
    private boolean closed;
    private volatile TargetHealthListener listener = TargetHealthListener.NONE;

    HealthCheckRunner(CloseableHttpAsyncClient client) {
        this.client = client;
    }

    @Override
    public ScheduledFuture<?> every(long intervalMs, Runnable tick) {
        return scheduler().scheduleAtFixedRate(tick, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void check(Target target, String path, int timeoutMs, Consumer<Boolean> outcome) {
        AtomicBoolean reported = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> timeoutTimer = new AtomicReference<>();
        Consumer<Boolean> once = passed -> {
            if (reported.compareAndSet(false, true)) {
                ScheduledFuture<?> pending = timeoutTimer.get();
                if (pending != null) {
                    pending.cancel(false);
                }
                outcome.accept(passed);
            }
        };
        BasicHttpRequest message = new BasicHttpRequest("GET", target.host(), path);
        message.addHeader("User-Agent", "triage-agent-health-check");
        Timeout timeout = Timeout.ofMilliseconds(timeoutMs);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build());
        try {
            Future<?> call = client.execute(
                    new BasicRequestProducer(message, null),
                    new BoundedResponseConsumer(MAX_BODY_BYTES),
                    null,
                    context,
                    new FutureCallback<>() {
                        @Override
                        public void completed(ProxyResponse response) {
                            once.accept(response.status() >= 200 && response.status() < 400);
                        }

                        @Override
                        public void failed(Exception e) {
                            once.accept(false);
                        }

                        @Override
                        public void cancelled() {
                            once.accept(false);
                        }
                    });
            ScheduledFuture<?> timer = scheduler().schedule(() -> call.cancel(true), timeoutMs, TimeUnit.MILLISECONDS);
            timeoutTimer.set(timer);
            if (reported.get()) {
                timer.cancel(false); // the answer came before the timer was known
            }
        } catch (RuntimeException e) {
            once.accept(false); // closing, or the request could not be sent
        }
    }

    void listener(TargetHealthListener newListener) {
        listener = newListener;
    }

    @Override
    public void changed(String targetGroup, Target target, boolean healthy) {
        try {
            listener.changed(targetGroup, target.label(), healthy);
        } catch (RuntimeException e) {
            LOG.warn("target health listener failed on {} {}: {}", targetGroup, target, e.toString());
        }
    }

    synchronized int scheduled() {
        return scheduler == null ? 0 : scheduler.getQueue().size();
    }

    synchronized boolean terminated() {
        return scheduler == null || scheduler.isTerminated();
    }

    private synchronized ScheduledThreadPoolExecutor scheduler() {
        if (closed) {
            throw new RejectedExecutionException("health checks: closed");
        }
        if (scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "triage-health-checks");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }
        return scheduler;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
