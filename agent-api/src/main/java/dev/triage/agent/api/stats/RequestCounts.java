package dev.triage.agent.api.stats;

/** Client-visible requests by the status class the client got. */
public record RequestCounts(long total, long status2xx, long status3xx, long status4xx, long status5xx) {

    public static final RequestCounts ZERO = new RequestCounts(0, 0, 0, 0, 0);

    /** Share of requests answered without a 5XX; 1.0 when there were none. */
    public double successRate() {
        return total == 0 ? 1.0 : (double) (total - status5xx) / total;
    }
}
