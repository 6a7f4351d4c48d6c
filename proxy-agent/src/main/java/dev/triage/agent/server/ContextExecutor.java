package dev.triage.agent.server;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A virtual-thread-per-task executor that carries the submitting request's {@link RequestContext}
 * into the task, so hedged attempts count for the request that made them.
 */
final class ContextExecutor extends AbstractExecutorService {

    private final ExecutorService delegate = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("triage-request-", 0).factory());

    @Override
    public void execute(Runnable task) {
        if (RequestContext.CURRENT.isBound()) {
            RequestContext context = RequestContext.CURRENT.get();
            delegate.execute(
                    () -> ScopedValue.where(RequestContext.CURRENT, context).run(task));
        } else {
            delegate.execute(task);
        }
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
