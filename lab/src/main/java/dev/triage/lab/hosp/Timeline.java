package dev.triage.lab.hosp;

import java.util.SplittableRandom;

/** When HOSP is in its bad state, out, or slow, in profile seconds; derived from the seed alone. */
final class Timeline {
    private final Schedule badStates;
    private final Schedule outages;
    private final Schedule slowPeriods;
    private final double slowMultiplier;

    Timeline(FailureProfile profile, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom burstRandom = root.split();
        SplittableRandom outageRandom = root.split();
        SplittableRandom slowRandom = root.split();
        FailureProfile.ErrorBursts bursts = profile.errorBursts();
        this.badStates = bursts.meanBadSeconds() > 0
                ? Schedule.of(
                        (previousEnd, first, random) -> {
                            double start = previousEnd + Schedule.exponential(random, bursts.meanGoodSeconds());
                            return new double[] {start, start + Schedule.exponential(random, bursts.meanBadSeconds())};
                        },
                        burstRandom)
                : Schedule.never();
        FailureProfile.Outages out = profile.outages();
        this.outages = out.enabled()
                ? Schedule.of(
                        (previousEnd, first, random) -> {
                            double start = first
                                    ? out.firstOutageAfterSeconds()
                                    : previousEnd + Schedule.exponential(random, out.meanIntervalSeconds());
                            double duration = out.minDurationSeconds()
                                    + random.nextDouble() * (out.maxDurationSeconds() - out.minDurationSeconds());
                            return new double[] {start, start + duration};
                        },
                        outageRandom)
                : Schedule.never();
        FailureProfile.SlowPeriods slow = profile.slowPeriods();
        this.slowPeriods = slow.enabled()
                ? Schedule.of(
                        (previousEnd, first, random) -> {
                            double start = first
                                    ? slow.firstSlowPeriodAfterSeconds()
                                    : previousEnd + Schedule.exponential(random, slow.meanIntervalSeconds());
                            return new double[] {start, start + slow.durationSeconds()};
                        },
                        slowRandom)
                : Schedule.never();
        this.slowMultiplier = slow.enabled() ? slow.multiplier() : 1;
    }

    boolean bad(double t) {
        return badStates.contains(t);
    }

    boolean outage(double t) {
        return outages.contains(t);
    }

    /** When the outage state next changes after t (profile seconds); +infinity when it never does. */
    double nextOutageBoundaryAfter(double t) {
        return outages.nextBoundaryAfter(t);
    }

    int outagesStartedBy(double t) {
        return outages.startedBy(t);
    }

    double latencyMultiplier(double t) {
        return slowPeriods.contains(t) ? slowMultiplier : 1;
    }
}
