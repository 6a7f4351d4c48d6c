package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One reading of a live source: counters since the source started (they only grow, except when
 * the source restarts) and latency percentiles over the last minute.
 *
 * @param at when it was read
 * @param front what clients (patients' apps) saw at the load balancer
 * @param agents what each agent saw, for "failures absorbed"
 * @param unreachable agents that did not answer this time, by name
 */
public record Reading(Instant at, Front front, List<AgentFailures> agents, List<String> unreachable) {

    public Reading {
        requireNonNull(at, "at");
        requireNonNull(front, "front");
        agents = List.copyOf(agents);
        unreachable = List.copyOf(unreachable);
    }

    /**
     * Client-visible requests at the front door.
     *
     * @param requests requests answered since start
     * @param failed of those, 5XX answers (they count against the SLO)
     * @param p50Ms median latency over the last minute, ms
     * @param p99Ms 99th percentile latency over the last minute, ms
     */
    public record Front(long requests, long failed, double p50Ms, double p99Ms) {
        public Front {
            if (requests < 0 || failed < 0 || failed > requests) {
                throw new IllegalArgumentException(
                        "requests: " + requests + ", failed: " + failed + " (expected: 0 <= failed <= requests)");
            }
        }
    }

    /**
     * One agent: the upstream failures behind each of its target groups, and the failures its own
     * clients saw. What it absorbed is the difference.
     *
     * @param clientFailures 5XX answers the agent gave its clients since start
     */
    public record AgentFailures(String agent, List<GroupFailures> groups, long clientFailures) {
        public AgentFailures {
            requireNonNull(agent, "agent");
            groups = List.copyOf(groups);
        }
    }

    /**
     * One target group behind an agent.
     *
     * @param requests client requests routed to the group since start
     * @param attempts upstream attempts sent to its targets (retries and hedges included)
     * @param failedAttempts attempts that got no usable answer or a 5XX
     */
    public record GroupFailures(String group, long requests, long attempts, long failedAttempts) {
        public GroupFailures {
            requireNonNull(group, "group");
        }
    }
}
