package dev.triage.agent.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Thresholds and fail-open with a hand-driven runner: each tick and each check's answer is the test's. */
class ActiveHealthCheckTest {

    /** Ticks when told; keeps each target's pending check until the test answers it. */
    private static final class ManualRunner implements CheckRunner {
        Runnable tick;
        boolean cancelled;
        final Map<String, Consumer<Boolean>> pending = new LinkedHashMap<>();
        final List<String> paths = new ArrayList<>();
        final List<String> changes = new ArrayList<>();

        @Override
        public void changed(String targetGroup, Target target, boolean healthy) {
            changes.add(targetGroup + " " + target + " " + (healthy ? "healthy" : "unhealthy"));
        }

        @Override
        public ScheduledFuture<?> every(long intervalMs, Runnable newTick) {
            tick = newTick;
            return new CancelOnly(() -> cancelled = true);
        }

        @Override
        public void check(Target target, String path, int timeoutMs, Consumer<Boolean> outcome) {
            paths.add(path + " " + timeoutMs);
            pending.put(target.label(), outcome);
        }

        /** One tick, then each target's answer (true passes). */
        void round(boolean... passed) {
            tick.run();
            List<Consumer<Boolean>> answers = new ArrayList<>(pending.values());
            pending.clear();
            for (int i = 0; i < answers.size(); i++) {
                answers.get(i).accept(passed[i]);
            }
        }
    }

    private record CancelOnly(Runnable onCancel) implements ScheduledFuture<Object> {
        @Override
        public boolean cancel(boolean mayInterrupt) {
            onCancel.run();
            return true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return 0;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private final ManualRunner runner = new ManualRunner();

    private TargetGroupRuntime group(int healthy, int unhealthy) {
        TargetGroup config = new TargetGroup(
                "tg",
                List.of(new TargetGroup.Target("10.0.0.1", 80), new TargetGroup.Target("10.0.0.2", 80)),
                100,
                0,
                0,
                new TargetGroup.HealthCheck("/health", 1_000, 200, healthy, unhealthy));
        return new TargetGroupRuntime(config, System::nanoTime, (target, method, path, deadline) -> true, runner);
    }

    private static Set<String> chosen(TargetGroupRuntime group, int times) {
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < times; i++) {
            labels.add(group.choose().label());
        }
        return labels;
    }

    @Test
    void checksGetThePathWithTheTimeoutOncePerTargetPerTick() {
        TargetGroupRuntime group = group(2, 2);
        group.startHealthChecks();

        runner.tick.run();
        runner.tick.run(); // checks still in flight: no second one

        assertThat(runner.paths).containsExactly("/health 200", "/health 200");
    }

    @Test
    void aTargetTurnsUnhealthyAtTheThresholdAndGetsNoNewRequests() {
        TargetGroupRuntime group = group(3, 3);
        group.startHealthChecks();

        runner.round(true, false);
        runner.round(true, false);
        assertThat(chosen(group, 4)).containsExactlyInAnyOrder("10.0.0.1:80", "10.0.0.2:80");
        runner.round(true, false);

        assertThat(chosen(group, 10)).containsExactly("10.0.0.1:80");
        assertThat(group.targetStats()).extracting(s -> s.healthy()).containsExactly(true, false);
    }

    @Test
    void aPassBetweenFailuresStartsTheCountAgain() {
        TargetGroupRuntime group = group(2, 2);
        group.startHealthChecks();

        runner.round(true, false);
        runner.round(true, true);
        runner.round(true, false);

        assertThat(chosen(group, 4)).hasSize(2);
    }

    @Test
    void anUnhealthyTargetComesBackAfterHealthyThresholdPasses() {
        TargetGroupRuntime group = group(3, 2);
        group.startHealthChecks();
        runner.round(true, false);
        runner.round(true, false);
        assertThat(chosen(group, 4)).containsExactly("10.0.0.1:80");

        runner.round(true, true);
        runner.round(true, true);
        assertThat(chosen(group, 4)).containsExactly("10.0.0.1:80");
        runner.round(true, true);

        assertThat(chosen(group, 4)).containsExactlyInAnyOrder("10.0.0.1:80", "10.0.0.2:80");
        assertThat(runner.changes).containsExactly("tg 10.0.0.2:80 unhealthy", "tg 10.0.0.2:80 healthy");
    }

    @Test
    void whenEveryTargetIsUnhealthyTheGroupFailsOpen() {
        TargetGroupRuntime group = group(2, 2);
        group.startHealthChecks();
        runner.round(false, false);
        runner.round(false, false);

        assertThat(group.targetStats()).extracting(s -> s.healthy()).containsExactly(false, false);
        assertThat(chosen(group, 4)).containsExactlyInAnyOrder("10.0.0.1:80", "10.0.0.2:80");
        assertThat(group.failing())
                .as("failing is passive: the group fails open")
                .isFalse();
    }

    @Test
    void stoppedChecksCancelTheirTicksAndNeverRestart() {
        TargetGroupRuntime group = group(2, 2);
        group.startHealthChecks();
        assertThat(group.healthChecksRunning()).isTrue();

        group.stopHealthChecks();
        group.startHealthChecks();

        assertThat(runner.cancelled).isTrue();
        assertThat(group.healthChecksRunning()).isFalse();
    }

    @Test
    void aGroupWithoutAHealthCheckRunsNone() {
        TargetGroup config = new TargetGroup("tg", List.of(new TargetGroup.Target("10.0.0.1", 80)), 100, 0, 0, null);
        TargetGroupRuntime group =
                new TargetGroupRuntime(config, System::nanoTime, (target, method, path, deadline) -> true, runner);

        group.startHealthChecks();

        assertThat(runner.tick).isNull();
        assertThat(group.healthChecksRunning()).isFalse();
    }
}
