package dev.triage.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Metrics port over the per-second series: periods, units, missing seconds, unknown scopes. */
class LiveMetricsTest {

    static final Instant T0 = StatsSamplerTest.T0;

    final MutableClock clock = new MutableClock(T0);
    final FakeAgent fake = new FakeAgent();
    final LiveMetrics metrics = new LiveMetrics(clock);
    final StatsSampler sampler = new StatsSampler(List.of(FakeAgent.AGENT), fake, metrics, ScopeIds.AGENTS, clock);

    @Test
    void aMinutePeriodSumsCountsWeighsLatencyAndFillsQuietMinutesWithZero() {
        sampler.tick().join();
        for (int i = 0; i < 60; i++) {
            fake.fallback.serve(i < 30 ? 1 : 3, i < 30 ? 0 : 1);
            fake.fallback.p50Ms = i < 30 ? 10 : 50;
            fake.fallback.p99Ms = i < 30 ? 100 : 500;
            clock.advance(Duration.ofSeconds(1));
            sampler.tick().join();
        }

        List<MetricSeries> series = metrics.series(new MetricQuery(
                StatsSamplerTest.AGENT,
                List.of(
                        Metric.REQUEST_COUNT,
                        Metric.ELB_5XX_COUNT,
                        Metric.TARGET_RESPONSE_TIME_P50,
                        Metric.HEALTHY_HOST_COUNT),
                T0,
                T0.plusSeconds(180),
                Duration.ofSeconds(60)));

        MetricSeries requests = series.get(0);
        assertThat(requests.name()).isEqualTo("RequestCount");
        assertThat(requests.points())
                .extracting(MetricSeries.Point::time)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(requests.points()).extracting(MetricSeries.Point::value).containsExactly(120.0, 0.0, 0.0);
        assertThat(series.get(1).points().getFirst().value()).isEqualTo(30.0);
        // weighted by requests: 30 s at 10 ms with 1 request, 30 s at 50 ms with 3
        assertThat(series.get(2).unit()).isEqualTo("Seconds");
        assertThat(series.get(2).points().getFirst().value())
                .isCloseTo((30 * 10 + 90 * 50) / 120.0 / 1000, within(1e-9));
        assertThat(series.get(3).points().getFirst().value()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aMeasureAtOneSecondGivesOnePointPerSecond() {
        sampler.tick().join();
        fake.fallback.serve(4, 1);
        clock.advance(Duration.ofSeconds(1));
        sampler.tick().join();

        MetricSeries failed = metrics.series(
                StatsSamplerTest.AGENT, Measure.FAILED, T0.minusSeconds(1), T0.plusSeconds(2), Duration.ofSeconds(1));

        assertThat(failed.points()).extracting(MetricSeries.Point::value).containsExactly(0.0, 1.0, 0.0);
    }

    @Test
    void aScopeNeverMeasuredIsNotFound() {
        assertThatThrownBy(() -> metrics.series(new MetricQuery(
                        new LoadBalancerScope("agent:nobody"),
                        List.of(Metric.REQUEST_COUNT),
                        T0,
                        T0.plusSeconds(1),
                        Duration.ofSeconds(1))))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining("agent:nobody");
        assertThatThrownBy(() -> metrics.freshness("nobody")).isInstanceOf(CoreException.NotFound.class);
    }

    @Test
    void anAgentNeverAnsweredIsListedAsStale() {
        assertThat(metrics.freshness()).singleElement().satisfies(f -> {
            assertThat(f.agent()).isEqualTo("edge");
            assertThat(f.stale()).isTrue();
            assertThat(f.lastSample()).isNull();
        });
    }
}
