package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;

/**
 * The config an agent runs and its entity tag.
 *
 * @param config the running config
 * @param etag the config's hash, without quotes: pass it to {@link AgentClient#pushConfig} as If-Match
 */
public record VersionedConfig(AgentConfig config, String etag) {

    public VersionedConfig {
        requireNonNull(config, "config");
        requireNonNull(etag, "etag");
    }
}
