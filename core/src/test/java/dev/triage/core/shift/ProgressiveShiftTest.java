package dev.triage.core.shift;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LB;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.Sleeper;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.ForwardingLoadBalancers;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.Metrics;
import dev.triage.core.shift.Progress.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressiveShiftTest {

    private static final Duration BAKE = Duration.ofSeconds(60);
    private static final Duration PERIOD = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = new InMemoryLoadBalancers()
            .add(Samples.loadBalancer())
            .add(Samples.targetGroup(LEGACY, "legacy", false))
            .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
            .add(Samples.httpListener());
    private final Rule rule = lbs.createRule(
            HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(100, 0)));
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Progress> progress = new ArrayList<>();
    private final List<MetricQuery> queries = new ArrayList<>();
    /** Per query (0-based): requests, 5xx, p99 seconds per period. */
    private Function<Integer, double[]> perSecond = q -> new double[] {10, 0, 0.1};
    /** Runs at the start of each bake (1-based), before the clock moves. */
    private Function<Integer, Boolean> onBake = b -> false;

    private int bakes;

    private final Sleeper sleeper = duration -> {
        bakes++;
        if (onBake.apply(bakes) && Thread.interrupted()) {
            throw new InterruptedException("cancelled");
        }
        clock.advance(duration);
    };

    private final Metrics metrics = query -> {
        double[] values = perSecond.apply(queries.size());
        queries.add(query);
        List<MetricSeries> out = new ArrayList<>();
        for (int m = 0; m < query.metrics().size(); m++) {
            List<MetricSeries.Point> points = new ArrayList<>();
            for (Instant t = query.from(); t.isBefore(query.to()); t = t.plus(query.period())) {
                points.add(new MetricSeries.Point(t, values[m]));
            }
            Metric metric = query.metrics().get(m);
            out.add(new MetricSeries(metric.cloudWatchName(), metric.unit(), query.period(), points));
        }
        return out;
    };

    private AuditJournal journal() {
        return new AuditJournal(dir.resolve("audit.jsonl"));
    }

    private ProgressiveShift shift(Gates gates) {
        return shift(gates, new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet()));
    }

    private ProgressiveShift shift(Gates gates, ChangePlanner planner) {
        ChangeApplier applier = new ChangeApplier(
                lbs,
                planner,
                journal(),
                clock,
                d -> {},
                new ChangeApplier.Verify(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                () -> "entry-" + ids.incrementAndGet());
        ShiftSettings settings = new ShiftSettings(
                LB, HTTP_LISTENER, rule.arn(), REPLACEMENT, ShiftSettings.DEFAULT_PERCENTS, BAKE, PERIOD, gates);
        return new ProgressiveShift(lbs, planner, applier, metrics, clock, sleeper, settings, "ops", "release 42");
    }

    private Forward live() {
        return (Forward) lbs.rules(HTTP_LISTENER).stream()
                .filter(r -> r.arn().equals(rule.arn()))
                .findFirst()
                .orElseThrow()
                .action();
    }

    private List<JournalEntry> finals() {
        return journal().entries().stream()
                .filter(e -> e.phase() == JournalEntry.Phase.FINAL)
                .toList();
    }

    @Test
    void everyStepPassingMovesAllTheTrafficWithOneJournalEntryPerStep() {
        ShiftResult result = shift(Gates.defaults()).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.DONE);
        assertThat(live()).isEqualTo(Samples.split(0, 100));
        assertThat(result.entries()).hasSize(5).allMatch(e -> e.outcome() == Outcome.VERIFIED);
        assertThat(finals()).hasSize(5).allMatch(e -> e.outcome() == Outcome.VERIFIED);
        assertThat(finals().getFirst().reason()).contains("release 42", "step 1 of 5 (1%)");
        assertThat(queries)
                .hasSize(5)
                .allMatch(q -> q.scope().equals(new MetricQuery.Scope.TargetGroupScope(LB, REPLACEMENT)));
        // The window is the bake: 60 whole seconds from the step on.
        assertThat(queries.getFirst().from()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(queries.getFirst().to()).isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));
        assertThat(progress.getLast().state()).isEqualTo(State.DONE);
        assertThat(progress)
                .filteredOn(p -> p.state() == State.BAKING)
                .extracting(Progress::percent)
                .containsExactly(1, 5, 25, 50, 100);
        assertThat(progress)
                .filteredOn(p -> p.state() == State.BAKING)
                .extracting(Progress::until)
                .first()
                .isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));
    }

    @Test
    void aFailedGateAtTwentyFivePercentRollsBackToTheOriginalWeights() {
        // Queries 0 and 1 (1% and 5%) are clean; the third (25%) has 3 5xx of every 100 requests.
        perSecond = q -> q < 2 ? new double[] {100, 0} : new double[] {100, 3};

        ShiftResult result = shift(Gates.defaults()).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(live()).isEqualTo(Samples.split(100, 0));
        assertThat(result.reason())
                .contains("step 3 of 5 (25%)", "success ratio 97.00%", "expected: at least 99.00%", "rolled back");
        List<JournalEntry> finals = finals();
        assertThat(finals).hasSize(4).allMatch(e -> e.outcome() == Outcome.VERIFIED);
        assertThat(finals.getLast().reason()).contains("rolled back", "success ratio 97.00%");
        assertThat(finals.getLast().after().getFirst().weights()).isEqualTo(Map.of(LEGACY, 100, REPLACEMENT, 0));
        assertThat(progress).extracting(Progress::state).contains(State.GATE_FAILED);
        assertThat(progress.getLast().state()).isEqualTo(State.ROLLED_BACK);
    }

    @Test
    void aP99AboveTheLimitFailsTheGate() {
        perSecond = q -> new double[] {100, 0, 0.8};

        ShiftResult result = shift(new Gates(0.99, Duration.ofMillis(500), 100)).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("step 1 of 5", "p99 0.800 s", "expected: at most 0.500 s");
        assertThat(live()).isEqualTo(Samples.split(100, 0));
    }

    @Test
    void tooLittleTrafficBakesOnceMoreAndPassesWhenTheLongerWindowHasEnough() {
        // 1 request a second: 60 in the first window (short of 100), 120 over the doubled window.
        perSecond = q -> new double[] {1, 0};

        ShiftResult result = shift(Gates.defaults()).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.DONE);
        assertThat(progress)
                .filteredOn(p -> p.state() == State.WAITING_FOR_TRAFFIC)
                .hasSize(5);
        assertThat(queries.get(1).from()).isEqualTo(queries.get(0).from());
        assertThat(queries.get(1).to()).isEqualTo(Instant.parse("2026-11-22T10:02:00Z"));
        assertThat(bakes).isEqualTo(10);
    }

    @Test
    void stillTooLittleTrafficAfterTheSecondBakeFailsTheGateAndRollsBack() {
        perSecond = q -> new double[] {0.5, 0};

        ShiftResult result = shift(Gates.defaults()).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("step 1 of 5", "not enough traffic: 60 request(s)", "at least 100");
        assertThat(live()).isEqualTo(Samples.split(100, 0));
        assertThat(finals()).hasSize(2);
    }

    @Test
    void cancelWhileBakingRollsBack() {
        ProgressiveShift[] running = new ProgressiveShift[1];
        onBake = b -> {
            if (b == 2) {
                running[0].cancel();
                return true;
            }
            return false;
        };
        running[0] = shift(Gates.defaults());

        ShiftResult result = running[0].run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("cancelled while step 2 of 5 (5%) baked", "rolled back");
        assertThat(live()).isEqualTo(Samples.split(100, 0));
        assertThat(finals()).hasSize(3).allMatch(e -> e.outcome() == Outcome.VERIFIED);
        assertThat(queries).hasSize(1);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void cancelBeforeRunningRollsBackWithNothingApplied() {
        ProgressiveShift shift = shift(Gates.defaults());
        shift.cancel();

        ShiftResult result = shift.run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("cancelled before step 1", "nothing to roll back");
        assertThat(finals()).isEmpty();
    }

    @Test
    void driftOnAStepStopsWithoutFurtherStepsOrRollback() {
        // After step 1, the planner reads the rule, then someone else sets it to 70/30 before the apply checks it.
        boolean[] armed = {false};
        onBake = b -> {
            armed[0] = b == 1;
            return false;
        };
        ChangePlanner stale = new ChangePlanner(
                new ForwardingLoadBalancers(lbs) {
                    @Override
                    public List<Rule> rules(String listenerArn) {
                        List<Rule> read = super.rules(listenerArn);
                        if (armed[0]) {
                            armed[0] = false;
                            lbs.modifyRule(rule.arn(), rule.conditions(), List.of(Samples.split(70, 30)));
                        }
                        return read;
                    }
                },
                () -> "plan-" + ids.incrementAndGet());

        ShiftResult result = shift(Gates.defaults(), stale).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.STOPPED);
        assertThat(result.reason()).contains("step 2 of 5 (5%) was refused", "without rolling back");
        assertThat(live()).isEqualTo(Samples.split(70, 30));
        assertThat(finals()).extracting(JournalEntry::outcome).containsExactly(Outcome.VERIFIED, Outcome.REFUSED_DRIFT);
        assertThat(progress.getLast().state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aStepWhoseCallFailsRollsBackAndTakesNoFurtherStep() {
        onBake = b -> {
            if (b == 1) {
                lbs.failNext("ModifyRule", new CoreException.Unavailable("elbv2", "throttled", null));
            }
            return false;
        };

        ShiftResult result = shift(Gates.defaults()).run(progress::add);

        assertThat(result.outcome()).isEqualTo(ShiftResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("step 2 of 5 (5%) ended FAILED_RESTORED", "throttled");
        assertThat(live()).isEqualTo(Samples.split(100, 0));
        assertThat(finals())
                .extracting(JournalEntry::outcome)
                .containsExactly(Outcome.VERIFIED, Outcome.FAILED_RESTORED, Outcome.VERIFIED);
        assertThat(queries).hasSize(1);
    }

    @Test
    void aTargetGroupOutsideTheRuleIsRefusedBeforeAnythingIsApplied() {
        ChangePlanner planner = new ChangePlanner(lbs);
        ChangeApplier applier = new ChangeApplier(lbs, journal());
        ShiftSettings settings = new ShiftSettings(
                LB, HTTP_LISTENER, rule.arn(), "tg-other", List.of(100), BAKE, PERIOD, Gates.defaults());
        ProgressiveShift shift =
                new ProgressiveShift(lbs, planner, applier, metrics, clock, sleeper, settings, "ops", "");

        assertThatThrownBy(() -> shift.run(progress::add))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("tg-other");
        assertThat(finals()).isEmpty();
    }

    @Test
    void settingsRefuseStepsThatDoNotEndAtOneHundred() {
        assertThatThrownBy(() -> new ShiftSettings(
                        LB, HTTP_LISTENER, "r", REPLACEMENT, List.of(5, 50), BAKE, PERIOD, Gates.defaults()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the last step 100");
        assertThatThrownBy(() -> new ShiftSettings(
                        LB,
                        HTTP_LISTENER,
                        "r",
                        REPLACEMENT,
                        List.of(100),
                        Duration.ofSeconds(90),
                        Duration.ofSeconds(60),
                        Gates.defaults()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("whole number of periods");
    }

    @Test
    void stepWeightsShareTheRestInProportionAndAddUpToOneHundred() {
        Map<String, Integer> original = new java.util.LinkedHashMap<>();
        original.put("a", 2);
        original.put("b", 1);
        original.put("t", 0);

        assertThat(StepWeights.of(original, "t", 1))
                .containsExactly(Map.entry("a", 66), Map.entry("b", 33), Map.entry("t", 1));
        assertThat(StepWeights.of(original, "t", 100))
                .containsExactly(Map.entry("a", 0), Map.entry("b", 0), Map.entry("t", 100));
    }

    /** A clock the sleeper moves. */
    static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
