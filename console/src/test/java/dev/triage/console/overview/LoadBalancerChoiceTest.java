package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.aws.cloudwatch.CloudWatchMetrics;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Place;
import dev.triage.core.metrics.MutableClock;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.Metrics;
import dev.triage.core.slo.Slo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The overview on an AWS region with several load balancers: core's CloudWatch adapter over an in-memory
 * GetMetricData holding each load balancer's own minutes, the ViewModel choosing and switching without JavaFX
 * running. A reading still under way when the engineer switches is held on a gate, so "late" is exact.
 */
class LoadBalancerChoiceTest {

    private static final String SHOP =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String API =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/api/7f00aa11bb22cc33";
    private static final String NLB =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/tcp/0123456789abcdef";
    private static final LiveSources.Choice SHOP_CHOICE = new LiveSources.Choice(SHOP, "shop");
    private static final LiveSources.Choice API_CHOICE = new LiveSources.Choice(API, "api");
    private static final Instant NOW = Instant.parse("2026-11-22T10:30:20Z");
    private static final Instant MINUTE = Instant.parse("2026-11-22T10:28:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final Gate gate = new Gate(new CloudWatchMetrics(cloudWatch));
    private final CloudWatchLiveSources sources = new CloudWatchLiveSources(
            gate,
            () -> List.of(
                    lb(SHOP, "shop", LoadBalancer.Type.APPLICATION),
                    lb(NLB, "tcp", LoadBalancer.Type.NETWORK),
                    lb(API, "api", LoadBalancer.Type.APPLICATION)),
            Slo.DEFAULT,
            clock);
    private final Tasks tasks = Tasks.direct();

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void offersEveryApplicationLoadBalancerAndOpensTheFirstWhenNoneWasChosenBefore() {
        minute("shop", MINUTE, 6_000, 60);
        OverviewViewModel vm = new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.empty());

        vm.start();

        assertThat(vm.choices()).containsExactly(SHOP_CHOICE, API_CHOICE);
        assertThat(vm.chosenProperty().get()).isEqualTo(SHOP_CHOICE);
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("99.00%");
        assertThat(vm.noteProperty().get()).startsWith("per minute, from CloudWatch (shop)");
        vm.stop();
    }

    @Test
    void opensTheLoadBalancerLastChosenWhenTheRegionStillHasIt() {
        minute("api", MINUTE, 1_200, 0);
        OverviewViewModel vm = new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.of(API));

        vm.refresh();

        assertThat(vm.chosenProperty().get()).isEqualTo(API_CHOICE);
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("20.0/s");
        assertThat(scopes()).containsExactly(API);

        OverviewViewModel gone =
                new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.of(SHOP.replace("shop", "old-shop")));
        gone.refresh();
        assertThat(gone.chosenProperty().get()).isEqualTo(SHOP_CHOICE);
    }

    @Test
    void switchingShowsTheNewLoadBalancersNumbersAndItsOwnDayOfHistory() {
        minute("shop", MINUTE, 6_000, 60);
        minute("api", MINUTE.minus(Duration.ofHours(3)), 600, 0);
        minute("api", MINUTE, 1_200, 0);
        OverviewViewModel vm = new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.empty());
        vm.refresh();
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("99.00%");
        cloudWatch.requests.clear();

        vm.choose(API_CHOICE);

        assertThat(vm.chosenProperty().get()).isEqualTo(API_CHOICE);
        assertThat(vm.staleProperty().get()).isEmpty();
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("100.00%");
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("20.0/s");
        assertThat(vm.noteProperty().get()).startsWith("per minute, from CloudWatch (api)");
        // the SLO table is api's alone: none of shop's 60 failures, and api's minute of three hours ago
        assertThat(vm.days())
                .filteredOn(row -> row.label().equals("Past 24 hours"))
                .singleElement()
                .isEqualTo(new OverviewViewModel.DayRow(
                        "Past 24 hours", 1_800, 0, "100.00%", OverviewViewModel.Status.MEETS));
        // a new source backfills its day from CloudWatch, as the first one did
        assertThat(cloudWatch.requests).hasSize(1);
        assertThat(Duration.between(
                        cloudWatch.requests.getFirst().startTime(),
                        cloudWatch.requests.getFirst().endTime()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aReadingOfTheOldLoadBalancerArrivingAfterTheSwitchIsDropped() throws Exception {
        minute("shop", MINUTE, 6_000, 60);
        minute("api", MINUTE, 1_200, 0);
        OverviewViewModel vm = new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.empty());
        vm.refresh(); // shop, open
        minute("shop", MINUTE.plusSeconds(60), 6_000, 600); // what the late reading would bring
        clock.advance(Duration.ofMinutes(1));
        gate.hold(SHOP);
        AtomicReference<Throwable> lateFailure = new AtomicReference<>();
        // the direct Tasks run the reading and its callback on this thread: the callback comes after the switch
        Thread late = Thread.ofPlatform().start(() -> {
            try {
                vm.refresh();
            } catch (Throwable t) {
                lateFailure.set(t);
            }
        });
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        vm.choose(API_CHOICE);
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("100.00%");
        gate.release.countDown();
        late.join(10_000);

        assertThat(late.isAlive()).isFalse();
        assertThat(lateFailure.get()).isNull();
        assertThat(gate.answered(SHOP)).isEqualTo(2); // the late reading did reach CloudWatch and come back
        assertThat(vm.chosenProperty().get()).isEqualTo(API_CHOICE);
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("100.00%", OverviewViewModel.Status.MEETS)); // not shop's 90.00%
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("20.0/s");
        assertThat(vm.noteProperty().get()).startsWith("per minute, from CloudWatch (api)");
        assertThat(vm.days()).allSatisfy(row -> assertThat(row.failed()).isZero());
    }

    @Test
    void whileTheNewLoadBalancerLoadsTheOldNumbersAreGoneAndTheOverviewSaysSo() throws Exception {
        minute("shop", MINUTE, 6_000, 60);
        minute("api", MINUTE, 1_200, 0);
        OverviewViewModel vm = new OverviewViewModel(sources, tasks, ZoneOffset.UTC, Optional.empty());
        vm.refresh();
        gate.hold(API);
        Thread switching = Thread.ofPlatform().start(() -> vm.choose(API_CHOICE));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

        // the switch has cleared shop's numbers before asking CloudWatch about api
        assertThat(vm.staleProperty().get()).isEqualTo("loading api ...");
        assertThat(vm.noteProperty().get()).isEqualTo("api: waiting for its first reading");
        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.lastMinuteProperty().get()).isEqualTo(OverviewViewModel.noData());
        assertThat(vm.days()).isEmpty();

        gate.release.countDown();
        switching.join(10_000);
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.staleProperty().get()).isEmpty();
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("20.0/s");
    }

    @Test
    void aRegionWithoutApplicationLoadBalancersOffersNothingAndSaysWhy() {
        CloudWatchLiveSources none = new CloudWatchLiveSources(
                gate, () -> List.of(lb(NLB, "tcp", LoadBalancer.Type.NETWORK)), Slo.DEFAULT, clock);
        OverviewViewModel vm = new OverviewViewModel(none, tasks, ZoneOffset.UTC, Optional.empty());

        vm.start();

        assertThat(vm.choices()).isEmpty();
        assertThat(vm.chosenProperty().get()).isNull();
        assertThat(vm.staleProperty().get()).isEqualTo(CloudWatchLiveSources.NO_LOAD_BALANCER);
        assertThat(cloudWatch.requests).isEmpty();
        vm.stop();
    }

    /** One minute of a load balancer ("shop" or "api"): all failures are the targets' 5XX. */
    private void minute(String name, Instant at, double requests, double failed) {
        String lb = "app/" + name + "/" + (name.equals("shop") ? "50dc6c495c0c9188" : "7f00aa11bb22cc33");
        cloudWatch.publish(lb, "RequestCount", "Sum", at, requests);
        cloudWatch.publish(lb, "HTTPCode_ELB_5XX_Count", "Sum", at, 0);
        cloudWatch.publish(lb, "HTTPCode_Target_5XX_Count", "Sum", at, failed);
        cloudWatch.publish(lb, "TargetResponseTime", "p50", at, 0.040);
        cloudWatch.publish(lb, "TargetResponseTime", "p99", at, 0.900);
    }

    private List<String> scopes() {
        return cloudWatch.requests.stream()
                .map(r -> r.metricDataQueries()
                        .getFirst()
                        .metricStat()
                        .metric()
                        .dimensions()
                        .getFirst()
                        .value())
                .map(dimension -> dimension.contains("/api/") ? API : SHOP)
                .toList();
    }

    private static LoadBalancer lb(String arn, String name, LoadBalancer.Type type) {
        return new LoadBalancer(
                arn,
                name,
                name + ".example",
                LoadBalancer.Scheme.INTERNET_FACING,
                type,
                null,
                LoadBalancer.State.ACTIVE,
                new Place("123456789012", "eu-west-1"));
    }

    /** Core's Metrics port that, once {@link #hold} is called, stops the next query of one load balancer. */
    private static final class Gate implements Metrics {
        private final Metrics delegate;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final java.util.concurrent.ConcurrentMap<String, Integer> answered =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile String held;

        Gate(Metrics delegate) {
            this.delegate = delegate;
        }

        void hold(String arn) {
            held = arn;
        }

        int answered(String arn) {
            return answered.getOrDefault(arn, 0);
        }

        @Override
        public List<dev.triage.core.domain.MetricSeries> series(MetricQuery query) {
            String arn = ((LoadBalancerScope) query.scope()).loadBalancerArn();
            if (arn.equals(held)) {
                held = null;
                entered.countDown();
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the gate was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            List<dev.triage.core.domain.MetricSeries> series;
            synchronized (delegate) {
                series = delegate.series(query);
            }
            answered.merge(arn, 1, Integer::sum);
            return series;
        }
    }
}
