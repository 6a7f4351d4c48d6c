package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How to run a HOSP simulator.
 *
 * @param host address to bind (default 127.0.0.1)
 * @param port port to bind, 0 for an ephemeral one (default 0)
 * @param profile how it fails ({@link FailureProfile#defaults()}, or {@link FailureProfile#none()})
 * @param timeScale multiplier for every duration of the profile and of image processing (1 = real time,
 *     0.01 turns 2-20 s into 20-200 ms)
 * @param seed makes the data, the fault timeline and the per-request draws repeatable
 * @param honourIdempotencyKey replay the first answer for a repeated Idempotency-Key (the replacement
 *     service); HOSP itself ignores the header
 * @param imageProcessing how long an uploaded image stays "processing" at time scale 1
 */
public record HospOptions(
        String host,
        int port,
        FailureProfile profile,
        double timeScale,
        long seed,
        boolean honourIdempotencyKey,
        Duration imageProcessing) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_IMAGE_PROCESSING = Duration.ofSeconds(30);

    public HospOptions {
        requireNonNull(host, "host");
        requireNonNull(profile, "profile");
        requireNonNull(imageProcessing, "imageProcessing");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (!(timeScale > 0 && timeScale <= 1000)) {
            throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0 and <= 1000)");
        }
        if (imageProcessing.isNegative()) {
            throw new IllegalArgumentException("imageProcessing: " + imageProcessing + " (expected: >= 0)");
        }
    }

    /** HOSP as it is: the default (harsh) profile, real time, seed 42, 127.0.0.1 on an ephemeral port. */
    public static HospOptions defaults() {
        return new HospOptions(
                DEFAULT_HOST, 0, FailureProfile.defaults(), 1.0, DEFAULT_SEED, false, DEFAULT_IMAGE_PROCESSING);
    }

    /** The replacement service: same API, no failures, Idempotency-Key honoured, fast image analysis. */
    public static HospOptions replacement() {
        return new HospOptions(DEFAULT_HOST, 0, FailureProfile.none(), 1.0, DEFAULT_SEED, true, Duration.ofSeconds(2));
    }

    public HospOptions withHost(String host) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }

    public HospOptions withPort(int port) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }

    public HospOptions withProfile(FailureProfile profile) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }

    public HospOptions withTimeScale(double timeScale) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }

    public HospOptions withSeed(long seed) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }

    public HospOptions withHonourIdempotencyKey(boolean honour) {
        return new HospOptions(host, port, profile, timeScale, seed, honour, imageProcessing);
    }

    public HospOptions withImageProcessing(Duration imageProcessing) {
        return new HospOptions(host, port, profile, timeScale, seed, honourIdempotencyKey, imageProcessing);
    }
}
