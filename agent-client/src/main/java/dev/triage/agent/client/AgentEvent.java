package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;

/** One server-sent event from {@code GET /admin/events}. */
public sealed interface AgentEvent {

    /** The SSE event type ({@code config}, {@code health}, ...). */
    String type();

    /** A config was applied (push or rollback). */
    record ConfigApplied(String version, String hash) implements AgentEvent {
        @Override
        public String type() {
            return "config";
        }
    }

    /** A target became healthy or unhealthy. */
    record TargetHealthChanged(String targetGroup, String target, boolean healthy) implements AgentEvent {
        @Override
        public String type() {
            return "health";
        }
    }

    /**
     * A security detector fired: the event as the agent published it (kind, severity, source IP,
     * route, masked evidence, time, and for a summary how many more within which window).
     */
    record SecurityAlert(SecurityEvent event) implements AgentEvent {
        public SecurityAlert {
            requireNonNull(event, "event");
        }

        @Override
        public String type() {
            return "security";
        }
    }

    /**
     * Any other event, or a known type whose data this client could not
     * read; {@code data} is the raw data, lines joined with {@code \n}.
     */
    record Other(String type, String data) implements AgentEvent {}
}
