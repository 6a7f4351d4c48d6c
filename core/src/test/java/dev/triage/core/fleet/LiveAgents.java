package dev.triage.core.fleet;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real agents with their admin APIs on 127.0.0.1 ephemeral ports, closed together. */
final class LiveAgents implements AutoCloseable {

    static final String TOKEN = "fleet-test-token-5e2a";

    final Map<String, AgentServer> servers = new LinkedHashMap<>();
    final Map<String, FleetAgent> agents = new LinkedHashMap<>();
    private final List<AutoCloseable> parts = new ArrayList<>();

    /** Starts one agent running {@link #config(String, int)} with a listener on any free port. */
    FleetAgent start(String name, String role, String version) throws IOException {
        AgentServer server = AgentServer.start(config(version, freePort()));
        parts.add(server);
        AdminServer admin = AdminServer.start(
                server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        parts.add(admin);
        FleetAgent agent =
                new FleetAgent(role, new AgentEndpoint(name, URI.create("http://127.0.0.1:" + admin.port()), TOKEN));
        servers.put(name, server);
        agents.put(name, agent);
        return agent;
    }

    /** An agent nobody runs: its admin port refuses connections. */
    static FleetAgent unreachable(String name) {
        return new FleetAgent("node", new AgentEndpoint(name, URI.create("http://127.0.0.1:" + freePort()), TOKEN));
    }

    /** One listener on {@code port}: rule "api" (/api/*) and the default action answer 200. */
    static AgentConfig config(String version, int port) {
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/api/*"), null)),
                Action.fixed(200, "text/plain", "api"),
                RoutePolicy.NONE);
        Listener web = new Listener(
                "web", Listener.HTTP, "127.0.0.1", port, List.of(api), Action.fixed(200, "text/plain", "ok"));
        return new AgentConfig(version, List.of(web), List.of(), null, null);
    }

    String runningVersion(String name) {
        return servers.get(name).config().version();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
