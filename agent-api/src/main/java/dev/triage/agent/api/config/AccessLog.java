package dev.triage.agent.api.config;

/** JSON-lines access log: one object per client request. {@code path} "-" means standard output. */
public record AccessLog(boolean enabled, String path) {

    public static final AccessLog OFF = new AccessLog(false, null);
}
