package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How HOSP fails: error bursts, latency, outages, slow periods and write faults. Every duration is in seconds
 * at time scale 1 (the simulator multiplies them by {@link HospOptions#timeScale()}). Loaded from a JSON file
 * ({@link #load(Path)}); the format and the default values are in docs/hosp-simulator.md.
 */
public record FailureProfile(
        String name,
        ErrorBursts errorBursts,
        Latency latency,
        Outages outages,
        SlowPeriods slowPeriods,
        WriteFaults writeFaults) {

    /** Classpath location of the default profile. */
    public static final String DEFAULT_RESOURCE = "/hosp/default-profile.json";

    public FailureProfile {
        requireNonNull(name, "name");
        requireNonNull(errorBursts, "errorBursts");
        requireNonNull(latency, "latency");
        requireNonNull(outages, "outages");
        requireNonNull(slowPeriods, "slowPeriods");
        requireNonNull(writeFaults, "writeFaults");
        new Checks("")
                .check("name", "\"" + name + "\"", !name.isBlank(), "a non-empty name")
                .throwIfAny();
    }

    /** The harsh default profile shipped at {@value #DEFAULT_RESOURCE}. */
    public static FailureProfile defaults() {
        return ProfileJson.loadResource(DEFAULT_RESOURCE);
    }

    /** A profile that never fails and answers at once: the replacement service. */
    public static FailureProfile none() {
        return new FailureProfile(
                "none",
                new ErrorBursts(3600, 0, 0, 0, 0, 0, 1, 0, 0, 0),
                new Latency(0, 0, 0, 0, 0, 0),
                new Outages(false, 0, 1, 1, 1, true),
                new SlowPeriods(false, 0, 1, 1, 1),
                new WriteFaults(0, 0, 0, 0));
    }

    /** Reads and validates a profile file; throws {@link FailureProfileException} listing every problem. */
    public static FailureProfile load(Path file) {
        return ProfileJson.load(file);
    }

    /** Parses and validates a profile from JSON text. */
    public static FailureProfile parse(String json) {
        return ProfileJson.parse(json, "profile");
    }

    /** This profile as JSON in the file format (pretty-printed). */
    public String toJson() {
        return ProfileJson.write(this);
    }

    /**
     * A two-state good/bad Markov process in time: the state holds for an exponentially distributed time
     * (mean {@code meanGoodSeconds} or {@code meanBadSeconds}) and each request fails with the state's
     * probability. A failure is a 500, 502 or 503 answer, a connection reset, or a stall (no answer for
     * {@code stallSeconds}, then a reset); the shares of these kinds add up to 1. {@code meanBadSeconds} 0
     * means the bad state never happens.
     */
    public record ErrorBursts(
            double meanGoodSeconds,
            double meanBadSeconds,
            double goodErrorProbability,
            double badErrorProbability,
            double share500,
            double share502,
            double share503,
            double shareReset,
            double shareStall,
            double stallSeconds) {
        public ErrorBursts {
            double sum = share500 + share502 + share503 + shareReset + shareStall;
            new Checks("errorBursts.")
                    .positive("meanGoodSeconds", meanGoodSeconds)
                    .atLeast("meanBadSeconds", meanBadSeconds, 0)
                    .probability("goodErrorProbability", goodErrorProbability)
                    .probability("badErrorProbability", badErrorProbability)
                    .probability("share500", share500)
                    .probability("share502", share502)
                    .probability("share503", share503)
                    .probability("shareReset", shareReset)
                    .probability("shareStall", shareStall)
                    .check("share500+share502+share503+shareReset+shareStall", sum, Math.abs(sum - 1) < 1e-6, "1")
                    .atLeast("stallSeconds", stallSeconds, 0)
                    .throwIfAny();
        }
    }

    /**
     * Service time: a lognormal body (median {@code medianSeconds}, shape {@code sigma}) and, with
     * {@code tailProbability}, a uniform draw between {@code tailMinSeconds} and {@code tailMaxSeconds}; the
     * result (after any slow-period multiplier) is capped at {@code maxSeconds}.
     */
    public record Latency(
            double medianSeconds,
            double sigma,
            double tailProbability,
            double tailMinSeconds,
            double tailMaxSeconds,
            double maxSeconds) {
        public Latency {
            new Checks("latency.")
                    .atLeast("medianSeconds", medianSeconds, 0)
                    .atLeast("sigma", sigma, 0)
                    .probability("tailProbability", tailProbability)
                    .atLeast("tailMinSeconds", tailMinSeconds, 0)
                    .atLeast("tailMaxSeconds", tailMaxSeconds, tailMinSeconds)
                    .atLeast("maxSeconds", maxSeconds, 0)
                    .throwIfAny();
        }
    }

    /**
     * Outages: the first starts after {@code firstOutageAfterSeconds}, each lasts a uniform draw between
     * {@code minDurationSeconds} and {@code maxDurationSeconds}, and the gap to the next is exponentially
     * distributed with mean {@code meanIntervalSeconds}. During an outage new connections are refused and
     * idle ones closed. {@code drainInFlight} says what happens to requests HOSP is processing when it goes
     * down: true, its front stops routing new work and lets them finish (a maintenance restart, the vendor's
     * load balancer losing the app pool); false, they are reset before they commit (a crash), which no
     * client can tell from a reset after a commit.
     */
    public record Outages(
            boolean enabled,
            double firstOutageAfterSeconds,
            double meanIntervalSeconds,
            double minDurationSeconds,
            double maxDurationSeconds,
            boolean drainInFlight) {
        public Outages {
            new Checks("outages.")
                    .atLeast("firstOutageAfterSeconds", firstOutageAfterSeconds, 0)
                    .positive("meanIntervalSeconds", meanIntervalSeconds)
                    .positive("minDurationSeconds", minDurationSeconds)
                    .atLeast("maxDurationSeconds", maxDurationSeconds, minDurationSeconds)
                    .throwIfAny();
        }
    }

    /**
     * Slow periods: latency multiplied by {@code multiplier} for {@code durationSeconds}; the first starts
     * after {@code firstSlowPeriodAfterSeconds}, the gap to the next is exponential with mean
     * {@code meanIntervalSeconds}.
     */
    public record SlowPeriods(
            boolean enabled,
            double firstSlowPeriodAfterSeconds,
            double meanIntervalSeconds,
            double durationSeconds,
            double multiplier) {
        public SlowPeriods {
            new Checks("slowPeriods.")
                    .atLeast("firstSlowPeriodAfterSeconds", firstSlowPeriodAfterSeconds, 0)
                    .positive("meanIntervalSeconds", meanIntervalSeconds)
                    .positive("durationSeconds", durationSeconds)
                    .atLeast("multiplier", multiplier, 1)
                    .throwIfAny();
        }
    }

    /**
     * Faults of writes (POST, PATCH, DELETE) outside error bursts and outages (which always fail a write
     * before it commits): fail before commit (500, nothing stored), commit then answer 500, commit then send
     * nothing for {@code timeoutHoldSeconds} and reset the connection.
     */
    public record WriteFaults(
            double failBeforeCommitProbability,
            double commitThenErrorProbability,
            double commitThenTimeoutProbability,
            double timeoutHoldSeconds) {
        public WriteFaults {
            double sum = failBeforeCommitProbability + commitThenErrorProbability + commitThenTimeoutProbability;
            new Checks("writeFaults.")
                    .probability("failBeforeCommitProbability", failBeforeCommitProbability)
                    .probability("commitThenErrorProbability", commitThenErrorProbability)
                    .probability("commitThenTimeoutProbability", commitThenTimeoutProbability)
                    .check(
                            "failBeforeCommitProbability+commitThenErrorProbability+commitThenTimeoutProbability",
                            sum,
                            sum <= 1 + 1e-9,
                            "<= 1")
                    .atLeast("timeoutHoldSeconds", timeoutHoldSeconds, 0)
                    .throwIfAny();
        }
    }
}
