package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;

/**
 * The per-request decision: what HOSP does with one attempt arriving at a given profile time. Pure: the
 * same profile, timeline, time and random draws give the same decision; no sockets, no clocks.
 */
final class FaultModel {
    enum Outcome {
        OK,
        ERROR_500,
        ERROR_502,
        ERROR_503,
        RESET,
        STALL,
        /** The attempt arrived during an outage: refused or reset. */
        OUTAGE,
        FAIL_BEFORE_COMMIT,
        COMMIT_THEN_ERROR,
        COMMIT_THEN_TIMEOUT;

        /** Whether the attempt fails as the client sees it (5XX, reset, no answer). */
        boolean failed() {
            return this != OK;
        }

        /** Whether a write runs (and commits) before the failure shows. */
        boolean processes() {
            return this == OK || this == COMMIT_THEN_ERROR || this == COMMIT_THEN_TIMEOUT;
        }
    }

    /** What to do: the outcome, the service time before answering, and how long to hold a stalled connection. */
    record Decision(Outcome outcome, double latencySeconds, double holdSeconds) {}

    private final Timeline timeline;
    private final FailureProfile.Latency latency;
    private final double goodErrorProbability;
    private final double badErrorProbability;
    private final double cut500;
    private final double cut502;
    private final double cut503;
    private final double cutReset;
    private final double stallSeconds;
    private final double cutFailBeforeCommit;
    private final double cutCommitThenError;
    private final double cutCommitThenTimeout;
    private final double timeoutHoldSeconds;
    private final double logMedian;

    FaultModel(FailureProfile profile, Timeline timeline) {
        requireNonNull(profile, "profile");
        this.timeline = requireNonNull(timeline, "timeline");
        FailureProfile.ErrorBursts bursts = profile.errorBursts();
        this.goodErrorProbability = bursts.goodErrorProbability();
        this.badErrorProbability = bursts.badErrorProbability();
        this.cut500 = bursts.share500();
        this.cut502 = cut500 + bursts.share502();
        this.cut503 = cut502 + bursts.share503();
        this.cutReset = cut503 + bursts.shareReset();
        this.stallSeconds = bursts.stallSeconds();
        FailureProfile.WriteFaults writes = profile.writeFaults();
        this.cutFailBeforeCommit = writes.failBeforeCommitProbability();
        this.cutCommitThenError = cutFailBeforeCommit + writes.commitThenErrorProbability();
        this.cutCommitThenTimeout = cutCommitThenError + writes.commitThenTimeoutProbability();
        this.timeoutHoldSeconds = writes.timeoutHoldSeconds();
        this.latency = profile.latency();
        this.logMedian = latency.medianSeconds() > 0 ? Math.log(latency.medianSeconds()) : Double.NEGATIVE_INFINITY;
    }

    /**
     * Decides one attempt arriving at profile time {@code t} (seconds since the simulator started, at time
     * scale 1). Errors of a burst or an outage fail a write before it commits; a write's burst error is always
     * a 503 (shed before the transaction), while the write faults (500 before commit, 500 after commit, commit
     * then silence) are the ambiguous ones.
     */
    Decision decide(double t, boolean write, RandomGenerator random) {
        double errorDraw = random.nextDouble();
        double kindDraw = random.nextDouble();
        double writeDraw = random.nextDouble();
        double serviceSeconds = latencySeconds(t, random);
        if (timeline.outage(t)) {
            return new Decision(Outcome.OUTAGE, 0, 0);
        }
        double errorProbability = timeline.bad(t) ? badErrorProbability : goodErrorProbability;
        if (errorDraw < errorProbability) {
            if (write) {
                // HOSP's write path checks its database before it opens a transaction and sheds the write
                // with 503 when it cannot commit: a 503 to a write is always pre-commit (docs/hosp-simulator.md).
                return new Decision(Outcome.ERROR_503, serviceSeconds, 0);
            }
            if (kindDraw < cut500) {
                return new Decision(Outcome.ERROR_500, serviceSeconds, 0);
            } else if (kindDraw < cut502) {
                return new Decision(Outcome.ERROR_502, serviceSeconds, 0);
            } else if (kindDraw < cut503) {
                return new Decision(Outcome.ERROR_503, serviceSeconds, 0);
            } else if (kindDraw < cutReset) {
                return new Decision(Outcome.RESET, serviceSeconds, 0);
            }
            return new Decision(Outcome.STALL, 0, stallSeconds);
        }
        if (write) {
            if (writeDraw < cutFailBeforeCommit) {
                return new Decision(Outcome.FAIL_BEFORE_COMMIT, serviceSeconds, 0);
            } else if (writeDraw < cutCommitThenError) {
                return new Decision(Outcome.COMMIT_THEN_ERROR, serviceSeconds, 0);
            } else if (writeDraw < cutCommitThenTimeout) {
                return new Decision(Outcome.COMMIT_THEN_TIMEOUT, serviceSeconds, timeoutHoldSeconds);
            }
        }
        return new Decision(Outcome.OK, serviceSeconds, 0);
    }

    private double latencySeconds(double t, RandomGenerator random) {
        double gaussian = random.nextGaussian();
        double tailDraw = random.nextDouble();
        double tailValue = random.nextDouble();
        double seconds = tailDraw < latency.tailProbability()
                ? latency.tailMinSeconds() + tailValue * (latency.tailMaxSeconds() - latency.tailMinSeconds())
                : Math.exp(logMedian + latency.sigma() * gaussian);
        return Math.min(seconds * timeline.latencyMultiplier(t), latency.maxSeconds());
    }
}
