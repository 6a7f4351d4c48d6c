package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

/**
 * The agent answered 409 to a push: its running config is no longer the one the If-Match named
 * (someone else pushed first). Fetch the config again, merge, and push with the new hash.
 */
public final class ConfigConflictException extends AgentClientException {

    private final String currentHash;

    public ConfigConflictException(AgentEndpoint agent, String expectedHash, String currentHash) {
        super(
                agent,
                "the running config changed (expected hash " + expectedHash + ", running " + currentHash
                        + "); fetch it again before pushing",
                null);
        this.currentHash = requireNonNull(currentHash, "currentHash");
    }

    /** The hash of the config the agent runs now. */
    public String currentHash() {
        return currentHash;
    }
}
