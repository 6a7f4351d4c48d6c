package dev.triage.core.port;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.core.domain.CoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * The agents in front of the services: their health, the config each runs, how it compares with the
 * config it should run, and pushing a config. Errors: see the package documentation; an unknown agent
 * name is {@code NotFound}. Per-agent failures of a push are outcomes, not exceptions.
 */
public interface AgentFleet {

    /** Every known agent and what it reports now; an unreachable agent is listed as such. */
    List<AgentInfo> agents();

    /** The config one agent runs. NotFound if no such agent, Unavailable if it does not answer. */
    AgentConfig config(String agentName);

    /**
     * The agent's own verdict on a config (nothing is applied): every problem it finds, empty when it
     * would accept it.
     */
    List<ConfigError> validate(String agentName, AgentConfig config);

    /**
     * Pushes {@code config} to the named agents, each with If-Match of the config it runs just before
     * the push. Same as {@code push(agentNames, config, rolling, Map.of())}.
     */
    default List<PushResult> push(List<String> agentNames, AgentConfig config, boolean rolling) {
        return push(agentNames, config, rolling, Map.of());
    }

    /**
     * Pushes {@code config} to the named agents. Rolling: one after the other, stopping at the first
     * failure (the rest are SKIPPED and keep their config); otherwise all at once. One outcome per agent,
     * in the order given. The pushed config becomes each named agent's desired config (see {@link
     * #desire}), so an agent the push did not reach shows as drifted.
     *
     * @param expectedHashes for some agents, the hash of the config the caller read and edited: the push
     *     names it in If-Match, so an agent someone changed since then fails with a Conflict instead of
     *     being overwritten; agents not in the map are pushed over whatever they run
     */
    List<PushResult> push(
            List<String> agentNames, AgentConfig config, boolean rolling, Map<String, String> expectedHashes);

    /**
     * Changes each named agent's own config: reads it, applies {@code change}, and pushes the result with
     * If-Match of the config read (a change made in between is a Conflict). For edits that fit agents
     * whose configs differ, such as one route's retry policy. Rolling and outcomes as {@link #push}; a
     * change that throws {@code CoreException.Invalid} or {@code IllegalArgumentException} for an agent is
     * a FAILED outcome for it. Each agent's changed config becomes its desired config.
     */
    List<PushResult> update(List<String> agentNames, UnaryOperator<AgentConfig> change, boolean rolling);

    /** Sets the config an agent should run ({@code null}: none), against which drift is reported. */
    void desire(String agentName, AgentConfig desired);

    /** What one agent reported. */
    record AgentInfo(
            String name,
            String role,
            String adminAddress,
            boolean reachable,
            String problem,
            String agentVersion,
            String configVersion,
            String configHash,
            Drift drift,
            Traffic traffic) {

        /**
         * @param problem why the agent is not reachable (null when it is)
         * @param agentVersion null when unreachable, like configVersion and configHash
         */
        public AgentInfo {
            requireNonNull(name, "name");
            requireNonNull(role, "role");
            requireNonNull(adminAddress, "adminAddress");
            requireNonNull(drift, "drift");
            requireNonNull(traffic, "traffic");
            if (reachable == (problem != null)) {
                throw new IllegalArgumentException("problem: " + problem + " for reachable=" + reachable
                        + " (expected: a problem exactly when unreachable)");
            }
        }
    }

    /** How an agent's running config compares with the config it should run. */
    enum Drift {
        /** No desired config is set for this agent. */
        NO_DESIRED_CONFIG,
        /** It runs the desired config (equal hashes). */
        IN_SYNC,
        /** It runs another config. */
        DRIFTED,
        /** It did not answer, so nobody knows. */
        UNKNOWN
    }

    /**
     * An agent's recent traffic.
     *
     * @param requestsPerSecond client requests per second over the window
     * @param successRatio share of those answered without a 5XX; empty with no requests
     * @param cacheHitRatio cache hits (fresh or stale copies served) over cache lookups; empty with none
     * @param window what the numbers cover ({@link Duration#ZERO} with {@link #UNKNOWN})
     */
    record Traffic(
            double requestsPerSecond, OptionalDouble successRatio, OptionalDouble cacheHitRatio, Duration window) {

        public static final Traffic UNKNOWN =
                new Traffic(0, OptionalDouble.empty(), OptionalDouble.empty(), Duration.ZERO);

        public Traffic {
            requireNonNull(successRatio, "successRatio");
            requireNonNull(cacheHitRatio, "cacheHitRatio");
            requireNonNull(window, "window");
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException(
                        "requestsPerSecond: " + requestsPerSecond + " (expected: a finite number >= 0)");
            }
        }

        public boolean known() {
            return !window.isZero();
        }
    }

    /**
     * What a push did on one agent: applied (with the new version and hash), failed (with why), or
     * skipped (a rolling push stopped at an earlier failure).
     *
     * @param failure Invalid with the agent's problems when it rejected the config, Conflict when its
     *     config changed since it was read, Unavailable when it did not answer, Denied on a wrong token
     * @param errors the agent's validation errors when it rejected the config; empty otherwise
     */
    record PushResult(
            String agentName,
            Status status,
            String configVersion,
            String configHash,
            CoreException failure,
            List<ConfigError> errors) {

        public enum Status {
            APPLIED,
            FAILED,
            SKIPPED
        }

        public PushResult {
            requireNonNull(agentName, "agentName");
            requireNonNull(status, "status");
            errors = errors == null ? List.of() : List.copyOf(errors);
            if ((status == Status.FAILED) != (failure != null)) {
                throw new IllegalArgumentException(
                        "failure: " + failure + " for " + status + " (expected: a failure exactly when FAILED)");
            }
            if ((status == Status.APPLIED) != (configHash != null)) {
                throw new IllegalArgumentException(
                        "configHash: " + configHash + " for " + status + " (expected: a hash exactly when APPLIED)");
            }
        }

        public static PushResult applied(String agentName, String configVersion, String configHash) {
            return new PushResult(agentName, Status.APPLIED, configVersion, configHash, null, List.of());
        }

        public static PushResult failed(String agentName, CoreException failure, List<ConfigError> errors) {
            return new PushResult(agentName, Status.FAILED, null, null, requireNonNull(failure, "failure"), errors);
        }

        public static PushResult skipped(String agentName) {
            return new PushResult(agentName, Status.SKIPPED, null, null, null, List.of());
        }
    }
}
