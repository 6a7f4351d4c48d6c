package dev.triage.lab.up;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.server.AgentServer;
import dev.triage.lab.agent.HospAgentConfig;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.HospOptions;
import dev.triage.lab.hosp.HospSimulator;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The production situation on one machine: HOSP (flaky), the replacement (reliable, honours
 * Idempotency-Key), two node agents in front of HOSP, and an edge agent acting as the load balancer
 * with a "legacy" target group (the node agents, weight 100) and a "replacement" one (weight 0).
 */
public final class LabTopology implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String EDGE_LISTENER = "edge";
    public static final String LEGACY = "legacy";
    public static final String REPLACEMENT = "replacement";

    /**
     * @param loadBalancerPort the edge agent's port (8080 by default)
     * @param portBase HOSP on portBase, the replacement on +1, node agents on +10 and +11, the agents'
     *     admin APIs on +20 (edge), +21 and +22 (nodes)
     * @param profile HOSP's failure profile
     */
    public record Options(int loadBalancerPort, int portBase, double timeScale, long seed, FailureProfile profile) {
        public Options {
            requireNonNull(profile, "profile");
            if (loadBalancerPort < 1 || loadBalancerPort > 65_535) {
                throw new IllegalArgumentException("loadBalancerPort: " + loadBalancerPort + " (expected: 1..65535)");
            }
            if (portBase < 1 || portBase > 65_500) {
                throw new IllegalArgumentException("portBase: " + portBase + " (expected: 1..65500)");
            }
        }

        List<Integer> ports() {
            return List.of(
                    loadBalancerPort,
                    portBase,
                    portBase + 1,
                    portBase + 10,
                    portBase + 11,
                    portBase + 20,
                    portBase + 21,
                    portBase + 22);
        }
    }

    /** One running agent of the lab; the token is its admin API's bearer token (never logged). */
    public record LabAgent(String name, String role, AgentServer server, URI traffic, URI admin, String token) {
        /** How a client (the console, a script) reaches this agent's admin API. */
        public AgentEndpoint endpoint() {
            return new AgentEndpoint(name, admin, token);
        }

        @Override
        public String toString() {
            return name + " (" + role + ") traffic " + traffic + ", admin " + admin;
        }
    }

    private static final SecureRandom TOKENS = new SecureRandom();

    private final List<AutoCloseable> parts = new ArrayList<>();
    private HospSimulator hosp;
    private HospSimulator replacement;
    private final List<LabAgent> agents = new ArrayList<>();

    private LabTopology() {}

    public static LabTopology start(Options options) throws IOException {
        requireNonNull(options, "options");
        for (int port : options.ports()) {
            requireFree(port);
        }
        LabTopology lab = new LabTopology();
        try {
            lab.hosp = lab.keep(HospSimulator.start(HospOptions.defaults()
                    .withPort(options.portBase())
                    .withProfile(options.profile())
                    .withTimeScale(options.timeScale())
                    .withSeed(options.seed())));
            lab.replacement = lab.keep(HospSimulator.start(HospOptions.replacement()
                    .withPort(options.portBase() + 1)
                    .withTimeScale(options.timeScale())
                    .withSeed(options.seed())));
            List<TargetGroup.Target> nodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int port = options.portBase() + 10 + i;
                // The nodes sit behind the edge (the load balancer), which connects from HOST and
                // appends X-Forwarded-For: trusting it lets their detectors name the real client.
                AgentConfig nodeConfig = HospAgentConfig.forLab(HOST, lab.hosp.port(), HOST, port, options.timeScale());
                nodeConfig = nodeConfig.withDetection(nodeConfig.detection().withTrustedProxies(List.of(HOST + "/32")));
                AgentServer node = lab.keep(AgentServer.start(nodeConfig));
                lab.agents.add(lab.withAdmin("node-" + (i + 1), "node", node, port, options.portBase() + 21 + i));
                nodes.add(new TargetGroup.Target(HOST, port));
            }
            AgentServer edge = lab.keep(AgentServer.start(edgeConfig(options, nodes, lab.replacement.port())));
            lab.agents.addFirst(
                    lab.withAdmin("edge", "edge", edge, options.loadBalancerPort(), options.portBase() + 20));
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** The edge: one listener whose default action splits between legacy (100) and replacement (0). */
    static AgentConfig edgeConfig(Options options, List<TargetGroup.Target> nodes, int replacementPort) {
        RetryPolicy notSentOnly = new RetryPolicy(
                3, 90_000, 120_000, 50, 500, List.of(RetryPolicy.CONNECT_FAILURE), false, null, null, false, 0);
        Action split = new Action(
                Action.FORWARD,
                new Action.Forward(
                        List.of(
                                new Action.WeightedTargetGroup(LEGACY, 100),
                                new Action.WeightedTargetGroup(REPLACEMENT, 0)),
                        null),
                null,
                null);
        var rule = new dev.triage.agent.api.config.Rule(
                "all",
                100,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                split,
                new RoutePolicy(notSentOnly, null, null, null));
        Listener listener =
                new Listener(EDGE_LISTENER, Listener.HTTP, HOST, options.loadBalancerPort(), List.of(rule), split);
        return new AgentConfig(
                "edge-1",
                List.of(listener),
                List.of(
                        new TargetGroup(LEGACY, nodes, 0, 0, 0, null),
                        new TargetGroup(
                                REPLACEMENT, List.of(new TargetGroup.Target(HOST, replacementPort)), 0, 0, 0, null)),
                null,
                null);
    }

    /** Starts the agent's admin API with a fresh random token. */
    private LabAgent withAdmin(String name, String role, AgentServer agent, int trafficPort, int adminPort)
            throws IOException {
        byte[] secret = new byte[32];
        TOKENS.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        AdminServer admin =
                keep(AdminServer.start(agent, new InetSocketAddress(HOST, adminPort), AdminToken.of(token), null));
        return new LabAgent(
                name,
                role,
                agent,
                URI.create("http://" + HOST + ":" + trafficPort),
                URI.create("http://" + HOST + ":" + admin.port()),
                token);
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            probe.setReuseAddress(true);
        } catch (BindException e) {
            throw new BindException("port " + port + " on " + HOST
                    + " is busy; stop what uses it or choose other ports (--lb-port, --port-base)");
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.add(part);
        return part;
    }

    public URI loadBalancer() {
        return agents.getFirst().traffic();
    }

    public HospSimulator hosp() {
        return hosp;
    }

    public HospSimulator replacement() {
        return replacement;
    }

    public List<LabAgent> agents() {
        return List.copyOf(agents);
    }

    public LabAgent agent(String name) {
        return agents.stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("agent: " + name + " (expected: edge, node-1, node-2)"));
    }

    /**
     * Stops every part: the agents together (each drains its requests in flight for up to 5 s), then
     * the replacement and HOSP.
     */
    @Override
    public void close() {
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (AutoCloseable part : parts) {
            if (part instanceof AdminServer admin) {
                closeQuietly(admin, failures);
            }
        }
        try (var closer = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (AutoCloseable part : parts) {
                if (part instanceof AgentServer agent) {
                    closer.execute(() -> closeQuietly(agent, failures));
                }
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (!(parts.get(i) instanceof AgentServer) && !(parts.get(i) instanceof AdminServer)) {
                closeQuietly(parts.get(i), failures);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("lab did not stop cleanly", failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable part, List<Throwable> failures) {
        try {
            part.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
