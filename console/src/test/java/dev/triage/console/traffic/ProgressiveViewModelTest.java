package dev.triage.console.traffic;

import static dev.triage.console.EdgeLoadBalancers.LB;
import static dev.triage.console.EdgeLoadBalancers.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.Sleeper;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.Metrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progressive shift's ViewModel over a fake load balancer, fake metrics, a fake clock; no JavaFX running. */
class ProgressiveViewModelTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = TrafficLoadBalancers.create();
    private final Tasks tasks = Tasks.direct();
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<MetricQuery> queries = new ArrayList<>();
    /** Per query: requests and target 5xx per second. */
    private IntFunction<double[]> perSecond = q -> new double[] {10, 0};
    /** Runs at each bake (1-based) before the clock moves. */
    private IntFunction<Void> onBake = b -> null;

    private int bakes;
    private int refreshes;
    private AuditJournal journal;
    private TrafficViewModel traffic;
    private ProgressiveViewModel vm;

    private final Sleeper sleeper = duration -> {
        onBake.apply(++bakes);
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled");
        }
        clock.now = clock.now.plus(duration);
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
            out.add(new MetricSeries("m" + m, "Count", query.period(), points));
        }
        return out;
    };

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        traffic = new TrafficViewModel(lb, journal, tasks, "oncall");
        traffic.refresh();
        vm = new ProgressiveViewModel(
                lb,
                new ChangePlanner(lb),
                new ChangeApplier(lb, journal),
                tasks,
                "oncall",
                traffic.guard(),
                traffic.selectedProperty(),
                traffic.targetProperty(),
                () -> refreshes++,
                clock,
                sleeper);
        vm.metrics(metrics, Duration.ofSeconds(1));
        vm.bakeSecondsProperty().set("30");
        vm.minRequestsProperty().set("10");
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    private int replacementWeight() {
        return TrafficLoadBalancers.forward(lb).targetGroups().stream()
                .filter(g -> g.targetGroupArn().equals(REPLACEMENT))
                .mapToInt(WeightedTargetGroup::weight)
                .findFirst()
                .orElseThrow();
    }

    private long finals() {
        return journal.entries().stream()
                .filter(e -> e.phase() == JournalEntry.Phase.FINAL)
                .count();
    }

    @Test
    void startRunsEveryStepAndShowsALinePerStep() {
        vm.open();
        vm.start();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Done: replacement has all the traffic");
        assertThat(replacementWeight()).isEqualTo(100);
        assertThat(finals()).isEqualTo(5);
        assertThat(vm.lines()).hasSize(5).allMatch(l -> l.contains("passed: success ratio 100.00%"));
        assertThat(vm.lines().getFirst()).startsWith("Step 1 of 5 (1%): passed");
        assertThat(queries.getFirst().scope()).isEqualTo(new MetricQuery.Scope.TargetGroupScope(LB, REPLACEMENT));
        assertThat(refreshes).isEqualTo(1);
    }

    @Test
    void aFailedGateRollsBackAndSaysTheMeasuredRatio() {
        vm.stepsProperty().set("10, 100");
        perSecond = q -> new double[] {10, 1};

        vm.start();

        assertThat(replacementWeight()).isZero();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Rolled back: step 1 of 2 (10%) failed its gate: success ratio 90.00%")
                .contains("expected: at least 99.00%");
        assertThat(vm.lines().getFirst()).startsWith("Step 1 of 2 (10%): failed: success ratio 90.00%");
        assertThat(vm.lines().get(1)).isEqualTo("Step 2 of 2 (100%): waiting");
        assertThat(vm.lines().getLast()).startsWith("Rollback: rolled back:");
        assertThat(finals()).isEqualTo(2);
    }

    @Test
    void cancelWhileBakingRollsBack() {
        onBake = b -> {
            if (b == 2) {
                vm.cancel();
            }
            return null;
        };

        vm.start();

        assertThat(replacementWeight()).isZero();
        assertThat(vm.messageProperty().get().text()).startsWith("Rolled back: cancelled while step 2 of 5 (5%) baked");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(finals()).isEqualTo(3);
    }

    @Test
    void aReadOnlyConnectionRefusesToStart() {
        traffic.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));

        vm.start();

        assertThat(vm.messageProperty().get().text()).startsWith("Not started:");
        assertThat(finals()).isZero();
        assertThat(bakes).isZero();
    }

    @Test
    void aFormThatDoesNotParseNamesTheField() {
        vm.stepsProperty().set("5, 50");

        vm.start();

        assertThat(vm.messageProperty().get().text()).startsWith("Not started:").contains("the last step 100");

        vm.stepsProperty().set("5, 100");
        vm.successPercentProperty().set("ninety");
        vm.start();

        assertThat(vm.messageProperty().get().text()).contains("success threshold: \"ninety\"");
        assertThat(finals()).isZero();
    }

    @Test
    void withoutMetricsStartIsRefused() {
        ProgressiveViewModel bare = new ProgressiveViewModel(
                lb,
                new ChangePlanner(lb),
                new ChangeApplier(lb, journal),
                tasks,
                "oncall",
                traffic.guard(),
                traffic.selectedProperty(),
                traffic.targetProperty(),
                () -> {},
                clock,
                sleeper);

        bare.start();

        assertThat(bare.messageProperty().get().text()).contains("no metrics");
        assertThat(finals()).isZero();
    }

    /** A clock the sleeper moves. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant start) {
            this.now = start;
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
