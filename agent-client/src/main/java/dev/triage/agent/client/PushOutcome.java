package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

/** What a fleet push did on one agent. */
public sealed interface PushOutcome {

    /** The agent's name. */
    String agent();

    /** The agent applied the config. */
    record Applied(String agent, ApplyResult result) implements PushOutcome {
        public Applied {
            requireNonNull(agent, "agent");
            requireNonNull(result, "result");
        }
    }

    /** Fetching the agent's ETag or pushing failed; the agent kept its config (unless the answer was lost). */
    record Failed(String agent, AgentClientException error) implements PushOutcome {
        public Failed {
            requireNonNull(agent, "agent");
            requireNonNull(error, "error");
        }
    }

    /** A rolling push stopped at an earlier failure and did not touch this agent. */
    record Skipped(String agent) implements PushOutcome {
        public Skipped {
            requireNonNull(agent, "agent");
        }
    }
}
