package dev.triage.lab.hosp;

/** Small profiles for tests: no faults except the ones a test asks for. */
final class Profiles {
    private Profiles() {}

    static FailureProfile.ErrorBursts alwaysFailing(double s500, double s502, double s503, double reset, double stall) {
        return new FailureProfile.ErrorBursts(3600, 0, 1, 1, s500, s502, s503, reset, stall, 60);
    }

    static FailureProfile with(FailureProfile.ErrorBursts bursts) {
        FailureProfile none = FailureProfile.none();
        return new FailureProfile(
                "test", bursts, none.latency(), none.outages(), none.slowPeriods(), none.writeFaults());
    }

    static FailureProfile with(FailureProfile.WriteFaults writes) {
        FailureProfile none = FailureProfile.none();
        return new FailureProfile(
                "test", none.errorBursts(), none.latency(), none.outages(), none.slowPeriods(), writes);
    }

    static FailureProfile withFixedLatency(double seconds) {
        return withFixedLatency(seconds, true);
    }

    /** Fixed latency; outages only when forced, draining requests in flight or resetting them (a crash). */
    static FailureProfile withFixedLatency(double seconds, boolean drainInFlight) {
        FailureProfile none = FailureProfile.none();
        return new FailureProfile(
                "test",
                none.errorBursts(),
                new FailureProfile.Latency(seconds, 0, 0, 0, 0, seconds),
                new FailureProfile.Outages(false, 0, 1, 1, 1, drainInFlight),
                none.slowPeriods(),
                none.writeFaults());
    }
}
