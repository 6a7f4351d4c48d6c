package dev.triage.agent.detect;

import java.time.Instant;

/** Time for the detectors: monotonic nanoseconds for windows, wall time for events. Tests fake it. */
interface DetectionClock {

    DetectionClock SYSTEM = new DetectionClock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };

    long nanos();

    Instant now();
}
