package dev.triage.core.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentStatus;
import dev.triage.agent.client.ValidationResult;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The {@link AgentFleet} port over agents reachable on their admin API: the lab's agents (see {@code
 * dev.triage.core.lab.LabFleet}) or agents listed in a file ({@link FleetFile}) in front of real
 * services. Every call goes to the agents at once and blocks until each answered or failed (the
 * client's timeouts bound it).
 *
 * <p>Traffic numbers come from a {@link FleetTraffic} source when one is given (the metrics sampler,
 * which polls every agent each second); otherwise from one stats call per agent in each {@link
 * #agents()}, compared with the one before: the numbers cover the time between the two calls (by the
 * agent's uptime), or the agent's whole uptime on the first call and after it restarted.
 */
public final class AdminApiFleet implements AgentFleet {

    private final Map<String, FleetAgent> agents;
    private final List<String> order;
    private final AgentClient client;
    private final FleetTraffic traffic;
    private final Map<String, String> desiredHashes = new ConcurrentHashMap<>();
    private final Map<String, StatsTraffic> statsTraffic = new ConcurrentHashMap<>();

    /** A fleet that reads traffic from each agent's stats. */
    public AdminApiFleet(List<FleetAgent> agents, AgentClient client) {
        this(agents, client, null);
    }

    /**
     * @param traffic where recent traffic comes from; null: one stats call per agent in {@link #agents()}
     */
    public AdminApiFleet(List<FleetAgent> agents, AgentClient client, FleetTraffic traffic) {
        requireNonNull(agents, "agents");
        this.client = requireNonNull(client, "client");
        this.traffic = traffic;
        Map<String, FleetAgent> byName = new LinkedHashMap<>();
        for (FleetAgent agent : agents) {
            requireNonNull(agent, "agent");
            if (byName.putIfAbsent(agent.name(), agent) != null) {
                throw new IllegalArgumentException(
                        "agents: " + agent.name() + " twice (expected: each agent name once)");
            }
        }
        this.agents = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
    }

    /** The agents, in the order given. */
    public List<FleetAgent> members() {
        return order.stream().map(agents::get).toList();
    }

    /** The same fleet, with traffic from {@code source}; desired configs are not carried over. */
    public AdminApiFleet withTraffic(FleetTraffic source) {
        return new AdminApiFleet(members(), client, requireNonNull(source, "source"));
    }

    @Override
    public List<AgentInfo> agents() {
        List<CompletableFuture<AgentInfo>> infos = new ArrayList<>(order.size());
        for (String name : order) {
            infos.add(info(agents.get(name)));
        }
        List<AgentInfo> result = new ArrayList<>(infos.size());
        for (int i = 0; i < infos.size(); i++) {
            result.add(Calls.await(infos.get(i), agents.get(order.get(i)), "GET /admin/status"));
        }
        return List.copyOf(result);
    }

    @Override
    public AgentConfig config(String agentName) {
        FleetAgent agent = agent(agentName);
        return Calls.await(client.config(agent.endpoint()), agent, "GET /admin/config")
                .config();
    }

    /** The config an agent runs with its hash, to pass back to {@link #push} as the expected hash. */
    public dev.triage.agent.client.VersionedConfig versionedConfig(String agentName) {
        FleetAgent agent = agent(agentName);
        return Calls.await(client.config(agent.endpoint()), agent, "GET /admin/config");
    }

    @Override
    public List<ConfigError> validate(String agentName, AgentConfig config) {
        requireNonNull(config, "config");
        FleetAgent agent = agent(agentName);
        ValidationResult result =
                Calls.await(client.validate(agent.endpoint(), config), agent, "POST /admin/config/validate");
        return result.errors();
    }

    @Override
    public List<PushResult> push(
            List<String> agentNames, AgentConfig config, boolean rolling, Map<String, String> expectedHashes) {
        requireNonNull(agentNames, "agentNames");
        requireNonNull(config, "config");
        requireNonNull(expectedHashes, "expectedHashes");
        List<FleetAgent> targets = targets(agentNames);
        for (String name : expectedHashes.keySet()) {
            if (!agentNames.contains(name)) {
                throw new CoreException.Invalid(
                        "push",
                        List.of("expectedHashes: " + name + " (expected: only agents the push goes to, "
                                + String.join(", ", agentNames) + ")"));
            }
        }
        String hash = ConfigCodec.hash(config);
        for (FleetAgent agent : targets) {
            desiredHashes.put(agent.name(), hash);
        }
        Map<String, String> expected = Map.copyOf(expectedHashes);
        Pushes pushes = new Pushes(agent -> {
            String ifMatch = expected.get(agent.name());
            return ifMatch != null
                    ? client.pushConfig(agent.endpoint(), config, ifMatch)
                    : client.config(agent.endpoint())
                            .thenCompose(running -> client.pushConfig(agent.endpoint(), config, running.etag()));
        });
        return rolling ? pushes.rolling(targets) : pushes.allAtOnce(targets);
    }

    @Override
    public List<PushResult> update(List<String> agentNames, UnaryOperator<AgentConfig> change, boolean rolling) {
        requireNonNull(change, "change");
        List<FleetAgent> targets = targets(agentNames);
        Pushes pushes = new Pushes(agent -> client.config(agent.endpoint()).thenCompose(running -> {
            AgentConfig changed = requireNonNull(change.apply(running.config()), "the changed config");
            desiredHashes.put(agent.name(), ConfigCodec.hash(changed));
            return client.pushConfig(agent.endpoint(), changed, running.etag());
        }));
        return rolling ? pushes.rolling(targets) : pushes.allAtOnce(targets);
    }

    @Override
    public void desire(String agentName, AgentConfig desired) {
        FleetAgent agent = agent(agentName);
        if (desired == null) {
            desiredHashes.remove(agent.name());
        } else {
            desiredHashes.put(agent.name(), ConfigCodec.hash(desired));
        }
    }

    private List<FleetAgent> targets(List<String> agentNames) {
        requireNonNull(agentNames, "agentNames");
        List<FleetAgent> targets = new ArrayList<>(agentNames.size());
        Set<String> seen = new HashSet<>();
        for (String name : agentNames) {
            if (!seen.add(name)) {
                throw new CoreException.Invalid(
                        "push", List.of("agents: " + name + " twice (expected: each agent once)"));
            }
            targets.add(agent(name));
        }
        return targets;
    }

    private FleetAgent agent(String name) {
        requireNonNull(name, "agentName");
        FleetAgent agent = agents.get(name);
        if (agent == null) {
            throw new CoreException.NotFound("agent", name);
        }
        return agent;
    }

    private CompletableFuture<AgentInfo> info(FleetAgent agent) {
        CompletableFuture<AgentStatus> status = client.status(agent.endpoint());
        Optional<Traffic> known = traffic == null ? Optional.empty() : traffic.traffic(agent.name());
        CompletableFuture<Traffic> rates = known.isPresent() || traffic != null
                ? CompletableFuture.completedFuture(known.orElse(Traffic.UNKNOWN))
                : client.stats(agent.endpoint())
                        .handle((stats, failure) -> failure == null
                                ? statsTraffic
                                        .computeIfAbsent(agent.name(), name -> new StatsTraffic())
                                        .next(stats)
                                : Traffic.UNKNOWN);
        return status.thenCombine(rates, (s, t) -> reachable(agent, s, t))
                .exceptionally(failure -> unreachable(agent, failure));
    }

    private AgentInfo reachable(FleetAgent agent, AgentStatus status, Traffic traffic) {
        String desired = desiredHashes.get(agent.name());
        Drift drift = desired == null
                ? Drift.NO_DESIRED_CONFIG
                : desired.equals(status.configHash()) ? Drift.IN_SYNC : Drift.DRIFTED;
        return new AgentInfo(
                agent.name(),
                agent.role(),
                agent.adminAddress(),
                true,
                null,
                status.agentVersion(),
                status.configVersion(),
                status.configHash(),
                drift,
                traffic);
    }

    private AgentInfo unreachable(FleetAgent agent, Throwable failure) {
        CoreException problem = Calls.translate(failure, agent, "GET /admin/status");
        Traffic last = traffic == null
                ? Traffic.UNKNOWN
                : traffic.traffic(agent.name()).orElse(Traffic.UNKNOWN);
        return new AgentInfo(
                agent.name(),
                agent.role(),
                agent.adminAddress(),
                false,
                problem.getMessage(),
                null,
                null,
                null,
                desiredHashes.containsKey(agent.name()) ? Drift.UNKNOWN : Drift.NO_DESIRED_CONFIG,
                last);
    }

    /** Hits and stale copies served over every lookup; empty with none. */
    public static OptionalDouble cacheHitRatio(long hits, long stale, long misses) {
        long lookups = hits + stale + misses;
        return lookups <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) (hits + stale) / lookups);
    }
}
