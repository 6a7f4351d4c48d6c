package dev.triage.agent.client;

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
     * Any other event (security events come later), or a known type whose data this client could not
     * read; {@code data} is the raw data, lines joined with {@code \n}.
     */
    record Other(String type, String data) implements AgentEvent {}
}
