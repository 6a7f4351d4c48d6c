package dev.triage.console.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Notices when the JavaFX thread is blocked: every 10 ms it posts a probe to the FX thread and
 * records how long the probe waited. When a probe has waited past the limit, it samples the FX
 * thread's stack. A sample that shows console code ({@code dev.triage}) inside a blocking call
 * (socket or file I/O, a sleep, a lock, a future's get) is the defect this looks for: the console
 * blocking the FX thread. Long waits in JavaFX's own pulses (layout, software rendering on a busy
 * machine) are reported, not failed: they are not the console's doing and depend on the machine.
 */
final class FxWatchdog implements AutoCloseable {

    private final long limitNanos;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fx-watchdog").factory());
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final List<Long> blocks = new ArrayList<>();
    private volatile long worstNanos;
    private volatile long postedAt;
    private volatile boolean sampled;
    private final List<String> samples = new ArrayList<>();

    private FxWatchdog(long limitMillis) {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    static FxWatchdog start(long limitMillis) {
        FxWatchdog watchdog = new FxWatchdog(limitMillis);
        watchdog.clock.scheduleWithFixedDelay(watchdog::probe, 0, 10, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private void probe() {
        if (!waiting.compareAndSet(false, true)) {
            if (!sampled && System.nanoTime() - postedAt > limitNanos) {
                sampled = true;
                sample();
            }
            return;
        }
        sampled = false;
        long posted = System.nanoTime();
        postedAt = posted;
        Platform.runLater(() -> {
            long waited = System.nanoTime() - posted;
            worstNanos = Math.max(worstNanos, waited);
            if (waited > limitNanos) {
                synchronized (blocks) {
                    blocks.add(TimeUnit.NANOSECONDS.toMillis(waited));
                }
            }
            waiting.set(false);
        });
    }

    /** What the FX thread was doing when a probe had waited past the limit. */
    private void sample() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("JavaFX Application Thread")) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < Math.min(stack.length, 60); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
                synchronized (samples) {
                    samples.add(out.toString());
                }
            }
        });
    }

    private static final List<String> BLOCKING = List.of(
            "java.net.",
            "java.io.",
            "sun.nio.",
            "java.nio.channels.",
            "java.lang.Thread.sleep",
            "LockSupport.park",
            "CompletableFuture.join",
            "CompletableFuture.get",
            "FutureTask.get",
            "Object.wait");

    /** Samples where console code was blocked (I/O, sleep, lock, future) on the FX thread. */
    List<String> consoleBlocked() {
        return samples().stream()
                .filter(stack ->
                        stack.lines().anyMatch(l -> l.contains("dev.triage.") && !l.contains("dev.triage.console.ui.")))
                .filter(stack -> BLOCKING.stream().anyMatch(stack::contains))
                // JavaFX waiting for its own render thread (a window shown or resized while a frame renders) is
                // the toolkit's synchronisation, not console code blocking: a loaded machine stretches it past 100 ms
                .filter(stack -> !stack.contains("QuantumToolkit.runWithRenderLock"))
                .toList();
    }

    List<String> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The blocks seen beyond the limit, in ms. */
    List<Long> blocks() {
        synchronized (blocks) {
            return List.copyOf(blocks);
        }
    }

    /** Writes what it saw to target/fx-watchdog-NAME.txt, for looking into a slow FX thread. */
    void report(String name, Object callbacks) throws java.io.IOException {
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "fx-watchdog-" + name + ".txt"),
                "worst wait " + worstMillis() + " ms; waits over the limit (ms): " + blocks()
                        + "\nslowest UI callbacks: " + callbacks + "\n"
                        + String.join("\n---", samples()));
    }

    long worstMillis() {
        return TimeUnit.NANOSECONDS.toMillis(worstNanos);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
