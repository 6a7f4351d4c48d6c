package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background-task helper of the console: blocking work runs on named daemon threads,
 * results and failures come back on the UI thread (the JavaFX thread in the app, the caller's
 * thread in unit tests). {@code Platform.runLater} lives here only. Created once, closed on exit.
 */
public final class Tasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    /** A UI callback slower than this is logged: the UI thread was blocked that long. */
    public static final Duration SLOW_CALLBACK = Duration.ofMillis(100);

    private final java.util.concurrent.ConcurrentMap<String, Long> slowestNanos =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final ExecutorService workers;
    private final ScheduledExecutorService clock;
    private final Executor ui;
    private final boolean schedules;

    private Tasks(ExecutorService workers, ScheduledExecutorService clock, Executor ui, boolean schedules) {
        this.workers = requireNonNull(workers, "workers");
        this.clock = requireNonNull(clock, "clock");
        this.ui = requireNonNull(ui, "ui");
        this.schedules = schedules;
    }

    /** Work on virtual threads, callbacks on the JavaFX application thread. */
    public static Tasks forJavaFx() {
        return new Tasks(
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("triage-task-", 0).factory()),
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("triage-schedule").factory()),
                Platform::runLater,
                true);
    }

    /** Work on virtual threads, callbacks on {@code ui}: for tests of the helper itself. */
    static Tasks forTest(Executor ui) {
        return new Tasks(
                Executors.newVirtualThreadPerTaskExecutor(),
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("triage-test").factory()),
                ui,
                true);
    }

    /**
     * Work and callbacks on the calling thread, for ViewModel tests: {@link #run} returns only
     * after the callback ran; {@link #every} schedules nothing (tests drive each tick themselves).
     */
    public static Tasks direct() {
        return new Tasks(
                new DirectExecutorService(),
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("triage-direct").factory()),
                Runnable::run,
                false);
    }

    /**
     * Runs {@code work} off the UI thread; then {@code onSuccess} or {@code onFailure} on the UI
     * thread, unless the handle was cancelled first.
     */
    public <T> Handle run(String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        requireNonNull(name, "name");
        requireNonNull(work, "work");
        requireNonNull(onSuccess, "onSuccess");
        requireNonNull(onFailure, "onFailure");
        Handle handle = new Handle();
        Future<?> future = workers.submit(() -> {
            T result;
            try {
                result = work.call();
            } catch (InterruptedException | CancellationException e) {
                return;
            } catch (Throwable failure) {
                if (!handle.cancelled.get()) {
                    LOG.debug("task {} failed", name, failure);
                    ui.execute(() -> deliver(name, handle, () -> onFailure.accept(unwrap(failure))));
                }
                return;
            }
            ui.execute(() -> deliver(name, handle, () -> onSuccess.accept(result)));
        });
        handle.future = future;
        return handle;
    }

    /**
     * Runs {@code work} every {@code period}, first at once; each run is skipped while the
     * previous one is still going, so a slow source cannot pile up calls.
     */
    public <T> Handle every(
            String name,
            Duration period,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        return every(name, Duration.ZERO, period, work, onSuccess, onFailure);
    }

    /** As {@link #every(String, Duration, Callable, Consumer, Consumer)}, the first run after {@code delay}. */
    public <T> Handle every(
            String name,
            Duration delay,
            Duration period,
            Callable<T> work,
            Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        requireNonNull(delay, "delay");
        requireNonNull(period, "period");
        Handle handle = new Handle();
        if (!schedules) {
            return handle;
        }
        AtomicBoolean busy = new AtomicBoolean();
        ScheduledFuture<?> tick = clock.scheduleWithFixedDelay(
                () -> {
                    if (handle.cancelled.get() || !busy.compareAndSet(false, true)) {
                        return;
                    }
                    run(
                            name,
                            () -> {
                                try {
                                    return work.call();
                                } finally {
                                    busy.set(false);
                                }
                            },
                            result -> {
                                if (!handle.isCancelled()) {
                                    onSuccess.accept(result);
                                }
                            },
                            failure -> {
                                if (!handle.isCancelled()) {
                                    onFailure.accept(failure);
                                }
                            });
                },
                delay.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        handle.future = tick;
        return handle;
    }

    /** Runs {@code action} on the UI thread, later. */
    public void ui(Runnable action) {
        ui.execute(requireNonNull(action, "action"));
    }

    private void deliver(String name, Handle handle, Runnable callback) {
        if (handle.cancelled.get()) {
            return;
        }
        long start = System.nanoTime();
        try {
            callback.run();
        } finally {
            long took = System.nanoTime() - start;
            slowestNanos.merge(name, took, Math::max);
            if (took > SLOW_CALLBACK.toNanos()) {
                LOG.warn("the UI callback of task {} took {} ms", name, took / 1_000_000);
            }
        }
    }

    /** The longest each task's UI callback took since the last reset: how long it held the UI thread. */
    public java.util.Map<String, Duration> slowestCallbacks() {
        java.util.Map<String, Duration> out = new java.util.TreeMap<>();
        slowestNanos.forEach((name, nanos) -> out.put(name, Duration.ofNanos(nanos)));
        return out;
    }

    public void resetTimings() {
        slowestNanos.clear();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        workers.shutdownNow();
    }

    /** A running task or schedule; cancelling interrupts the work and drops its callbacks. */
    public static final class Handle {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Future<?> future;

        public void cancel() {
            cancelled.set(true);
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        public boolean isCancelled() {
            return cancelled.get();
        }

        /** Whether the work (not the schedule) is over, for a one-off task. */
        public boolean isDone() {
            Future<?> f = future;
            return f != null && f.isDone();
        }
    }
}
