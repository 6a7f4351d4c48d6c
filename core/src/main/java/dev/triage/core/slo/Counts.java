package dev.triage.core.slo;

/** Requests and failures summed over some span. */
record Counts(long total, long failed) {

    static final Counts ZERO = new Counts(0, 0);

    Counts plus(Counts other) {
        return new Counts(total + other.total, failed + other.failed);
    }

    /** Failed requests over all requests; 0 with no traffic. */
    double errorRate() {
        return total == 0 ? 0.0 : (double) failed / total;
    }
}
