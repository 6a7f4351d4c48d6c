package dev.triage.agent.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TargetGroupRuntimeTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean probeAnswers = new AtomicBoolean(false);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> probeRequests = new ArrayList<>();

    private TargetGroupRuntime group(int targets, TargetGroup.HealthCheck check) {
        List<TargetGroup.Target> list = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            list.add(new TargetGroup.Target("10.0.0." + (i + 1), 80));
        }
        return new TargetGroupRuntime(
                new TargetGroup("tg", list, 100, 0, 0, check), clock::get, (target, method, path, deadline) -> {
                    probes.incrementAndGet();
                    synchronized (probeRequests) {
                        probeRequests.add(method + " " + path);
                    }
                    return probeAnswers.get();
                });
    }

    @Test
    void choosesTargetsRoundRobin() {
        TargetGroupRuntime group = group(3, null);

        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(group.choose().label());
        }

        assertThat(chosen)
                .containsExactly(
                        "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80");
    }

    @Test
    void ejectsATargetAfterFiveConsecutiveFailuresForTheCoolOff() {
        TargetGroupRuntime group = group(2, null);
        Target bad = group.targets().get(0);
        for (int i = 0; i < TargetGroupRuntime.EJECT_AFTER_FAILURES; i++) {
            group.record(bad, false);
        }

        for (int i = 0; i < 4; i++) {
            assertThat(group.choose().label()).isEqualTo("10.0.0.2:80");
        }
        assertThat(group.targetStats().getFirst().healthy()).isFalse();

        clock.addAndGet(TargetGroupRuntime.EJECTION.toNanos());

        assertThat(group.targetStats().getFirst().healthy()).isTrue();
        assertThat(List.of(group.choose().label(), group.choose().label())).contains("10.0.0.1:80");
    }

    @Test
    void fourFailuresDoNotEject() {
        TargetGroupRuntime group = group(2, null);
        Target shaky = group.targets().get(0);
        for (int i = 0; i < TargetGroupRuntime.EJECT_AFTER_FAILURES - 1; i++) {
            group.record(shaky, false);
        }
        group.record(shaky, true);
        group.record(shaky, false);

        assertThat(group.targetStats().getFirst().healthy()).isTrue();
        assertThat(group.targetStats().getFirst().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void failsOpenWhenEveryTargetIsEjected() {
        TargetGroupRuntime group = group(2, null);
        for (Target target : group.targets()) {
            for (int i = 0; i < TargetGroupRuntime.EJECT_AFTER_FAILURES; i++) {
                group.record(target, false);
            }
        }

        assertThat(group.choose()).isNotNull();
        assertThat(List.of(group.choose().label(), group.choose().label()))
                .containsExactlyInAnyOrder("10.0.0.1:80", "10.0.0.2:80");
        assertThat(group.failing()).isTrue();
    }

    @Test
    void isFailingAfterThreeFailuresInARow() {
        TargetGroupRuntime group = group(1, null);
        Target target = group.targets().getFirst();
        group.record(target, true);
        group.record(target, false);
        group.record(target, false);
        assertThat(group.failing()).isFalse();

        group.record(target, false);

        assertThat(group.failing()).isTrue();
    }

    @Test
    void isFailingWhenHalfOfTheLastTenFailed() {
        TargetGroupRuntime group = group(3, null);
        for (int i = 0; i < 10; i++) {
            group.record(group.choose(), i % 2 == 0);
        }

        assertThat(group.failing()).isTrue();
        group.record(group.choose(), true);
        group.record(group.choose(), true);
        assertThat(group.failing()).isFalse();
    }

    @Test
    void awaitRecoveryReturnsAtOnceWhenHealthy() throws Exception {
        TargetGroupRuntime group = group(1, null);

        assertThat(group.awaitRecovery(Deadline.after(Duration.ofMillis(1)))).isTrue();
        assertThat(probes.get()).isZero();
    }

    @Test
    void awaitRecoveryProbesUntilTheGroupAnswers() throws Exception {
        TargetGroupRuntime group = group(1, new TargetGroup.HealthCheck("/health", 0, 50, 0, 0));
        Target target = group.targets().getFirst();
        for (int i = 0; i < 3; i++) {
            group.record(target, false);
        }
        probeAnswers.set(true);

        boolean recovered = group.awaitRecovery(Deadline.after(Duration.ofSeconds(5)));

        assertThat(recovered).isTrue();
        assertThat(group.failing()).isFalse();
        assertThat(probeRequests).first().isEqualTo("GET /health");
    }

    @Test
    void awaitRecoveryGivesUpAtTheDeadlineWhileProbesFail() throws Exception {
        TargetGroupRuntime group = group(1, null);
        Target target = group.targets().getFirst();
        for (int i = 0; i < 3; i++) {
            group.record(target, false);
        }

        boolean recovered = group.awaitRecovery(Deadline.after(Duration.ofMillis(50)));

        assertThat(recovered).isFalse();
        assertThat(probes.get()).isPositive();
        assertThat(probeRequests).first().isEqualTo("HEAD /");
    }

    @Test
    void awaitRecoveryWakesWhenOtherRequestsSucceedEnoughToOutweighTheFailures() throws Exception {
        TargetGroupRuntime group = group(1, null);
        Target target = group.targets().getFirst();
        for (int i = 0; i < 3; i++) {
            group.record(target, false);
        }
        AtomicBoolean recovered = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                recovered.set(group.awaitRecovery(Deadline.after(Duration.ofSeconds(30))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.get() > 0);

        group.record(target, true);
        assertThat(group.failing())
                .as("one success among failures (an outage draining) is no recovery")
                .isTrue();
        for (int i = 0; i < 10; i++) { // a window of successes; a failed probe in between cannot tip it
            group.record(target, true);
        }
        waiter.join(Duration.ofSeconds(5));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(recovered).isTrue();
    }
}
