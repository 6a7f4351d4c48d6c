package dev.triage.lab.hosp;

/** Converts between wall-clock nanoseconds (System.nanoTime) and profile seconds at the time scale. */
record SimClock(long startNanos, double timeScale) {
    double profileSeconds(long nanos) {
        return (nanos - startNanos) / 1e9 / timeScale;
    }

    long wallNanos(double profileSeconds) {
        double delta = Math.min(profileSeconds * timeScale * 1e9, Long.MAX_VALUE / 4.0);
        return startNanos + (long) delta;
    }

    long scaledNanos(double profileSeconds) {
        return (long) Math.min(profileSeconds * timeScale * 1e9, Long.MAX_VALUE / 4.0);
    }
}
