package dev.triage.core.lab;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.contract.LoadBalancersContract.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The contracts' world as a live edge agent and its admin API on loopback sockets, with the lab adapter over
 * them. Close it after each test.
 */
final class LiveEdge implements AutoCloseable {

    private AgentServer agent;
    private AdminServer admin;
    private LabLoadBalancers lab;

    /** Starts the edge agent and its admin API, describes them in {@code dir}/lab.json and opens the lab adapter. */
    World start(Path dir, String token) throws IOException {
        int listenerPort = freePort();
        int legacyPort = freePort();
        int replacementPort = freePort();
        agent = AgentServer.start(edgeConfig(listenerPort, legacyPort, replacementPort));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(token), null);
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}]}
                """.formatted(listenerPort, listenerPort, admin.port(), token));
        lab = LabLoadBalancers.open(describe);
        return new World(
                lab,
                "lab:loadbalancer/edge",
                "lab:listener/edge",
                listenerPort,
                "lab:rule/edge/api",
                "lab:rule/edge/web",
                "lab:rule/edge/default",
                "lab:targetgroup/legacy",
                "lab:targetgroup/replacement",
                Map.of(
                        "lab:targetgroup/legacy", List.of("127.0.0.1:" + legacyPort),
                        "lab:targetgroup/replacement", List.of("127.0.0.1:" + replacementPort)));
    }

    @Override
    public void close() {
        if (lab != null) {
            lab.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    /** The contract's world as the edge agent's config: rule web is listed before rule api. */
    static AgentConfig edgeConfig(int listenerPort, int legacyPort, int replacementPort) {
        Rule web = new Rule("web", 20, List.of(path("/web/*")), Action.forwardTo("replacement"), RoutePolicy.NONE);
        Rule api = new Rule(
                "api",
                10,
                List.of(path("/api/*")),
                new Action(
                        Action.FORWARD,
                        new Action.Forward(
                                List.of(
                                        new Action.WeightedTargetGroup("legacy", 100),
                                        new Action.WeightedTargetGroup("replacement", 0)),
                                null),
                        null,
                        null),
                RoutePolicy.NONE);
        Listener listener =
                new Listener("edge", "HTTP", "127.0.0.1", listenerPort, List.of(web, api), Action.forwardTo("legacy"));
        return new AgentConfig(
                "contract-v1",
                List.of(listener),
                List.of(group("legacy", legacyPort), group("replacement", replacementPort)),
                null,
                null);
    }

    private static Condition path(String pattern) {
        return new Condition(Condition.PATH_PATTERN, null, List.of(pattern), null);
    }

    private static TargetGroup group(String name, int port) {
        return new TargetGroup(name, List.of(new TargetGroup.Target("127.0.0.1", port)), 1_000, 0, 0, null);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
