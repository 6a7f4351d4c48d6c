package dev.triage.lab.hosp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FaultModelTest {
    private static final int SAMPLES = 100_000;

    @Test
    void defaultProfileFailsAtLeastTenPercentWithP99OfAtLeastFifteenSeconds() {
        FailureProfile profile = FailureProfile.defaults();
        FaultModel model = new FaultModel(profile, new Timeline(profile, 7));
        SplittableRandom random = new SplittableRandom(7);
        Histogram latencyMillis = new Histogram(3_600_000, 3);
        Map<FaultModel.Outcome, Integer> outcomes = new EnumMap<>(FaultModel.Outcome.class);
        int failed = 0;
        for (int i = 0; i < SAMPLES; i++) {
            // 20 attempts per profile second over 5000 s: about what the bench sees at time scale 0.01.
            double t = i * 0.05;
            FaultModel.Decision decision = model.decide(t, random.nextDouble() < 0.1, random);
            outcomes.merge(decision.outcome(), 1, Integer::sum);
            if (decision.outcome().failed()) {
                failed++;
            }
            if (decision.outcome() != FaultModel.Outcome.OUTAGE) {
                latencyMillis.recordValue(
                        Math.round(1000 * Math.max(decision.latencySeconds(), decision.holdSeconds())));
            }
        }
        double failureRate = (double) failed / SAMPLES;
        assertThat(failureRate).as("failure rate, outcomes %s", outcomes).isGreaterThanOrEqualTo(0.10);
        assertThat(latencyMillis.getValueAtPercentile(99)).isGreaterThanOrEqualTo(15_000);
        assertThat(latencyMillis.getValueAtPercentile(50)).isBetween(1_000L, 3_000L);
        assertThat(latencyMillis.getMaxValue()).isLessThanOrEqualTo(60_100);
        assertThat(outcomes)
                .containsKeys(
                        FaultModel.Outcome.OUTAGE,
                        FaultModel.Outcome.ERROR_500,
                        FaultModel.Outcome.ERROR_502,
                        FaultModel.Outcome.ERROR_503,
                        FaultModel.Outcome.RESET,
                        FaultModel.Outcome.STALL);
    }

    @Test
    void defaultProfileHasAnOutageEarlyInEveryRun() {
        FailureProfile profile = FailureProfile.defaults();
        for (long seed = 1; seed <= 20; seed++) {
            Timeline timeline = new Timeline(profile, seed);
            // At time scale 0.01 the first outage starts 2 s into the run, lasting 0.2-0.4 s.
            assertThat(timeline.outagesStartedBy(profile.outages().firstOutageAfterSeconds()))
                    .isEqualTo(1);
            assertThat(timeline.outage(profile.outages().firstOutageAfterSeconds() + 19))
                    .isTrue();
        }
        assertThat(profile.outages().firstOutageAfterSeconds()).isLessThanOrEqualTo(300);
    }

    @Test
    void sameSeedGivesTheSameDecisionsWhateverTheQueryOrder() {
        FailureProfile profile = FailureProfile.defaults();
        Timeline forward = new Timeline(profile, 99);
        Timeline backward = new Timeline(profile, 99);
        backward.outage(50_000);
        List<Boolean> a = new ArrayList<>();
        List<Boolean> b = new ArrayList<>();
        for (int t = 0; t < 20_000; t += 7) {
            a.add(forward.bad(t));
            a.add(forward.outage(t));
            a.add(forward.latencyMultiplier(t) > 1);
        }
        for (int t = 0; t < 20_000; t += 7) {
            b.add(backward.bad(t));
            b.add(backward.outage(t));
            b.add(backward.latencyMultiplier(t) > 1);
        }
        assertThat(a).isEqualTo(b).contains(true, false);
        FaultModel first = new FaultModel(profile, forward);
        FaultModel second = new FaultModel(profile, backward);
        for (int i = 0; i < 1000; i++) {
            assertThat(first.decide(i * 3.3, i % 10 == 0, new SplittableRandom(i)))
                    .isEqualTo(second.decide(i * 3.3, i % 10 == 0, new SplittableRandom(i)));
        }
    }

    @Test
    void differentSeedsGiveDifferentTimelines() {
        FailureProfile profile = FailureProfile.defaults();
        Timeline one = new Timeline(profile, 1);
        Timeline two = new Timeline(profile, 2);
        assertThat(one.nextOutageBoundaryAfter(1000)).isNotEqualTo(two.nextOutageBoundaryAfter(1000));
    }

    @Test
    void badStateFailsFarMoreOftenThanGoodState() {
        FailureProfile profile = FailureProfile.defaults();
        Timeline timeline = new Timeline(profile, 3);
        FaultModel model = new FaultModel(profile, timeline);
        SplittableRandom random = new SplittableRandom(3);
        int[] attempts = new int[2];
        int[] failures = new int[2];
        for (int i = 0; i < SAMPLES; i++) {
            double t = i * 0.05;
            if (timeline.outage(t)) {
                continue;
            }
            int state = timeline.bad(t) ? 1 : 0;
            attempts[state]++;
            if (model.decide(t, false, random).outcome().failed()) {
                failures[state]++;
            }
        }
        double good = (double) failures[0] / attempts[0];
        double bad = (double) failures[1] / attempts[1];
        assertThat(good).isCloseTo(profile.errorBursts().goodErrorProbability(), within(0.01));
        assertThat(bad).isCloseTo(profile.errorBursts().badErrorProbability(), within(0.03));
        assertThat(bad).isGreaterThan(4 * good);
    }

    @Test
    void writesFailingInABurstOrOutageNeverCommit() {
        FailureProfile profile = FailureProfile.defaults();
        FaultModel model = new FaultModel(profile, new Timeline(profile, 5));
        SplittableRandom random = new SplittableRandom(5);
        int processedFailures = 0;
        int failures = 0;
        for (int i = 0; i < SAMPLES; i++) {
            FaultModel.Outcome outcome = model.decide(i * 0.05, true, random).outcome();
            if (outcome.failed()) {
                failures++;
                if (outcome.processes()) {
                    processedFailures++;
                    assertThat(outcome)
                            .isIn(FaultModel.Outcome.COMMIT_THEN_ERROR, FaultModel.Outcome.COMMIT_THEN_TIMEOUT);
                }
            }
        }
        // Only the write faults commit before failing: about 0.06% of writes, against >10% failures.
        assertThat(failures).isGreaterThan(SAMPLES / 10);
        assertThat(processedFailures).isBetween(20, 150);
    }

    @Test
    void aWriteAnswered503WasNeverProcessed() {
        FailureProfile profile = FailureProfile.defaults();
        FaultModel model = new FaultModel(profile, new Timeline(profile, 9));
        SplittableRandom random = new SplittableRandom(9);
        int shed = 0;
        for (int i = 0; i < SAMPLES; i++) {
            FaultModel.Outcome outcome = model.decide(i * 0.05, true, random).outcome();
            assertThat(outcome)
                    .as("a write's burst error is a 503, never a 500/502/reset/stall")
                    .isNotIn(
                            FaultModel.Outcome.ERROR_500,
                            FaultModel.Outcome.ERROR_502,
                            FaultModel.Outcome.RESET,
                            FaultModel.Outcome.STALL);
            if (outcome == FaultModel.Outcome.ERROR_503) {
                shed++;
                assertThat(outcome.processes()).isFalse();
            }
        }
        assertThat(shed).isGreaterThan(SAMPLES / 20);
    }

    @Test
    void slowPeriodsMultiplyLatencyUpToTheCap() {
        FailureProfile none = FailureProfile.none();
        FailureProfile profile = new FailureProfile(
                "slow",
                none.errorBursts(),
                new FailureProfile.Latency(2, 0, 0, 0, 0, 5),
                none.outages(),
                new FailureProfile.SlowPeriods(true, 100, 1000, 30, 3),
                none.writeFaults());
        FaultModel model = new FaultModel(profile, new Timeline(profile, 1));
        assertThat(model.decide(50, false, new SplittableRandom(1)).latencySeconds())
                .isEqualTo(2.0, within());
        assertThat(model.decide(110, false, new SplittableRandom(1)).latencySeconds())
                .isEqualTo(5.0, within());
    }

    @Test
    void noneNeverFailsAndNeverWaits() {
        FailureProfile profile = FailureProfile.none();
        FaultModel model = new FaultModel(profile, new Timeline(profile, 1));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            FaultModel.Decision decision = model.decide(i * 10.0, i % 2 == 0, random);
            assertThat(decision.outcome()).isEqualTo(FaultModel.Outcome.OK);
            assertThat(decision.latencySeconds()).isZero();
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return within(1e-9);
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }
}
