package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

/**
 * A config the agent applied (after a push or a rollback) and persisted.
 *
 * @param version the version label of the config now running
 * @param hash its hash, the agent's new ETag
 */
public record ApplyResult(String version, String hash) {

    public ApplyResult {
        requireNonNull(version, "version");
        requireNonNull(hash, "hash");
    }
}
