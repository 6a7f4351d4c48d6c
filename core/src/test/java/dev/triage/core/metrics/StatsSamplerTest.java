package dev.triage.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.triage.core.port.MetricQuery.Scope;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.MetricQuery.Scope.RouteScope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;
import dev.triage.core.slo.BurnRateRule;
import dev.triage.core.slo.SloTracker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sampler against a fake agent whose counters the test moves, with a clock the test moves. */
class StatsSamplerTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Scope AGENT = new LoadBalancerScope("agent:edge");
    static final Scope OLD = new TargetGroupScope("agent:edge", "agent:edge/targetgroup/old");
    static final Scope NEW = new TargetGroupScope("agent:edge", "agent:edge/targetgroup/new");
    static final Scope SPLIT = new RouteScope("agent:edge/rule/web/split");
    static final Scope FALLBACK = new RouteScope("agent:edge/rule/web/default");

    final MutableClock clock = new MutableClock(T0);
    final FakeAgent fake = new FakeAgent();
    final LiveMetrics metrics = new LiveMetrics(clock);
    final StatsSampler sampler =
            new StatsSampler(java.util.List.of(FakeAgent.AGENT), fake, metrics, ScopeIds.AGENTS, clock);

    @Test
    void theFirstAnswerIsABaselineAndTheNextGivesTheSecondsDeltas() {
        fake.fallback.serve(1_000, 50);
        tick();
        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0.minusSeconds(1), 1))
                .containsExactly(0f);

        fake.split.serve(10, 2);
        fake.split.attempt(12, 4);
        fake.split.cacheHits = 3;
        fake.split.cacheMisses = 1;
        fake.split.p50Ms = 12;
        fake.split.p99Ms = 80;
        advanceAndTick(1);

        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0, 1)).containsExactly(10f);
        assertThat(metrics.perSecond(AGENT, Measure.FAILED, T0, 1)).containsExactly(2f);
        assertThat(metrics.perSecond(AGENT, Measure.UPSTREAM_ATTEMPTS, T0, 1)).containsExactly(12f);
        assertThat(metrics.perSecond(AGENT, Measure.UPSTREAM_FAILED, T0, 1)).containsExactly(4f);
        assertThat(metrics.perSecond(AGENT, Measure.CACHE_HITS, T0, 1)).containsExactly(3f);
        assertThat(metrics.perSecond(AGENT, Measure.LATENCY_P50_MS, T0, 1)).containsExactly(12f);
        assertThat(metrics.perSecond(AGENT, Measure.LATENCY_P99_MS, T0, 1)).containsExactly(80f);
        assertThat(metrics.perSecond(SPLIT, Measure.REQUESTS, T0, 1)).containsExactly(10f);
        assertThat(metrics.perSecond(FALLBACK, Measure.REQUESTS, T0, 1)).containsExactly(0f);
        assertThat(metrics.perSecond(AGENT, Measure.HEALTHY_TARGETS, T0, 1)).containsExactly(2f);
        assertThat(metrics.scopes("edge")).containsExactlyInAnyOrder(AGENT, NEW, OLD, SPLIT, FALLBACK);
    }

    @Test
    void countsOfSecondsTheSamplerMissedAreSpreadEvenlyOverThem() {
        tick();
        fake.fallback.serve(7, 0);
        advanceAndTick(3);

        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0, 4)).containsExactly(3f, 2f, 2f, 0f);
        assertThat(metrics.sum(AGENT, Measure.REQUESTS, T0, T0.plusSeconds(3))).isEqualTo(7);
    }

    @Test
    void anAgentThatRestartedCountsFromZeroOverItsUptime() {
        fake.fallback.serve(100, 10);
        tick();
        fake.restart(2_000);
        fake.fallback.serve(5, 1);
        advanceAndTick(10);

        float[] seconds = metrics.perSecond(AGENT, Measure.REQUESTS, T0, 10);
        assertThat(seconds).containsExactly(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 3f, 2f);
        assertThat(metrics.perSecond(AGENT, Measure.FAILED, T0.plusSeconds(8), 2))
                .containsExactly(1f, 0f);

        fake.fallback.serve(4, 0);
        advanceAndTick(1);
        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0.plusSeconds(10), 1))
                .containsExactly(4f);
    }

    @Test
    void anAgentThatStopsAnsweringGoesStaleAndItsMissedCountsArriveWhenItIsBack() {
        tick();
        assertThat(metrics.freshness("edge").stale()).isFalse();

        fake.down = true;
        advanceAndTick(1);
        AgentFreshness down = metrics.freshness("edge");
        assertThat(down.problem()).contains("connection refused");
        assertThat(down.stale()).isFalse();
        assertThat(down.lastSample()).isEqualTo(T0);

        advanceAndTick(3);
        assertThat(metrics.freshness("edge").stale()).isTrue();
        assertThat(metrics.freshness("edge").lastAttempt()).isEqualTo(T0.plusSeconds(4));
        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0, 4)).containsOnly(0f);

        fake.down = false;
        fake.fallback.serve(10, 0);
        advanceAndTick(1);
        AgentFreshness back = metrics.freshness("edge");
        assertThat(back.stale()).isFalse();
        assertThat(back.problem()).isNull();
        assertThat(metrics.perSecond(AGENT, Measure.REQUESTS, T0, 5)).containsExactly(2f, 2f, 2f, 2f, 2f);
    }

    @Test
    void aSplitRouteSharesItsClientFailuresByTheGroupsFailedAttempts() {
        tick();
        fake.split.serve(100, 10);
        fake.fallback.serve(20, 3);
        fake.oldGroup.serve(110, 0);
        fake.oldGroup.attempt(130, 24);
        fake.newGroup.serve(10, 0);
        fake.newGroup.attempt(12, 6);
        advanceAndTick(1);

        assertThat(metrics.perSecond(OLD, Measure.FAILED, T0, 1)[0]).isCloseTo(8f + 3f, within(1e-4f));
        assertThat(metrics.perSecond(NEW, Measure.FAILED, T0, 1)[0]).isCloseTo(2f, within(1e-4f));
        assertThat(metrics.perSecond(OLD, Measure.REQUESTS, T0, 1)).containsExactly(110f);

        var absorbed = metrics.absorbed(T0, T0.plusSeconds(1));
        assertThat(absorbed).extracting(FailuresAbsorbed::targetGroup).containsExactly("new", "old");
        FailuresAbsorbed old = absorbed.get(1);
        assertThat(old.upstreamFailures()).isEqualTo(24);
        assertThat(old.clientFailures()).isCloseTo(11, within(1e-4));
        assertThat(old.absorbed()).isCloseTo(13, within(1e-4));

        // no group failed this second: the route's failures follow the weights (90/10)
        fake.split.serve(10, 10);
        advanceAndTick(1);
        assertThat(metrics.perSecond(OLD, Measure.FAILED, T0.plusSeconds(1), 1)[0])
                .isCloseTo(9f, within(1e-4f));
        assertThat(metrics.perSecond(NEW, Measure.FAILED, T0.plusSeconds(1), 1)[0])
                .isCloseTo(1f, within(1e-4f));
    }

    @Test
    void anHourOfTwentyPercentFailuresFiresTheFastBurnAlertAndSpendsTheBudget() {
        tick();
        for (int i = 0; i < 3_600; i++) {
            fake.fallback.serve(100, 20);
            advanceAndTick(1);
        }

        var state = metrics.slo(AGENT);
        assertThat(state.scope()).isEqualTo("agent:edge");
        assertThat(state.alerts()).extracting(a -> a.rule()).contains(BurnRateRule.FAST);
        assertThat(state.budget().exhausted()).isTrue();
        assertThat(metrics.sloTracker(AGENT).successRate(clock.instant(), Duration.ofHours(1)))
                .hasValueCloseTo(0.8, within(1e-9));

        // the tracker, made from the history, is fed from then on
        fake.fallback.serve(100, 0);
        advanceAndTick(1);
        SloTracker tracker = metrics.sloTracker(AGENT);
        assertThat(tracker.successRate(clock.instant(), Duration.ofSeconds(1))).hasValue(1.0);
    }

    @Test
    void theConfigIsReadAgainWhenTheStatsShowAnotherVersion() {
        tick();
        advanceAndTick(1);
        assertThat(fake.configReads).isEqualTo(1);

        fake.configVersion = "v2";
        advanceAndTick(1);
        advanceAndTick(1);
        assertThat(fake.configReads).isEqualTo(2);
        advanceAndTick(1);
        assertThat(fake.configReads).isEqualTo(2);
    }

    @Test
    void trafficForTheFleetCoversTheLastTenSeconds() {
        tick();
        for (int i = 0; i < 10; i++) {
            fake.fallback.serve(50, i == 0 ? 5 : 0);
            fake.fallback.cacheHits += 30;
            fake.fallback.cacheMisses += 10;
            advanceAndTick(1);
        }

        var traffic = metrics.traffic("edge").orElseThrow();
        assertThat(traffic.requestsPerSecond()).isEqualTo(50.0);
        assertThat(traffic.successRatio()).hasValueCloseTo(0.99, within(1e-9));
        assertThat(traffic.cacheHitRatio()).hasValueCloseTo(0.75, within(1e-9));
        assertThat(metrics.traffic("nobody")).isEmpty();
    }

    private void tick() {
        sampler.tick().join();
    }

    private void advanceAndTick(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        tick();
    }
}
