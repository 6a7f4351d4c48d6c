package dev.triage.agent.api.stats;

import java.util.Map;

/**
 * What the security detectors did since the agent started.
 *
 * @param detections occurrences detected, by kind ({@code unauthenticated_write}, ...), whether or not
 *     each was published on its own
 * @param eventsPublished events published on the admin event stream (first events and summaries)
 * @param occurrencesAggregated occurrences folded into a summary instead of an event of their own
 * @param eventsDropped occurrences lost because too many (kind, source, route) keys were open at once
 * @param sourcesTracked source addresses with per-source state now
 */
public record SecurityStats(
        Map<String, Long> detections,
        long eventsPublished,
        long occurrencesAggregated,
        long eventsDropped,
        long sourcesTracked) {

    public static final SecurityStats ZERO = new SecurityStats(Map.of(), 0, 0, 0, 0);

    public SecurityStats {
        detections = detections == null ? Map.of() : Map.copyOf(detections);
    }
}
