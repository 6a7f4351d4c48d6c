package dev.triage.agent.admin;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Agent configs for admin tests: listener "main" on a free loopback port, group "upstream". */
final class AdminConfigs {

    static final String LISTENER = "main";
    static final String GROUP = "upstream";

    /** Validation wants a real port (1..65535), so each upstream port gets one free listener port. */
    private static final Map<Integer, Integer> LISTENER_PORTS = new ConcurrentHashMap<>();

    private AdminConfigs() {}

    /**
     * Every path forwards to one upstream port, no retries. Configs with the same upstream port have
     * the same listener port, so a push between them keeps the listener's socket.
     */
    static AgentConfig forward(String version, int upstreamPort) {
        int listenerPort = LISTENER_PORTS.computeIfAbsent(upstreamPort, ignored -> freePort());
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                Action.forwardTo(GROUP),
                RoutePolicy.NONE);
        Listener listener = new Listener(
                LISTENER, "HTTP", "127.0.0.1", listenerPort, List.of(api), Action.fixed(404, "text/plain", "no route"));
        TargetGroup group =
                new TargetGroup(GROUP, List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), 1_000, 0, 0, null);
        return new AgentConfig(version, List.of(listener), List.of(group), null, null);
    }

    /** A config with several problems: a port out of range and a weight out of range. */
    static final String INVALID = """
            {"version": "bad-1",
             "listeners": [{"name": "main", "port": 70000,
               "defaultAction": {"type": "forward", "forward": {"targetGroups": [{"name": "nowhere", "weight": 1200}]}}}],
             "targetGroups": []}
            """;

    /** A loopback port free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
