package dev.triage.lab.agent;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The documented agent config for HOSP (docs/examples/hosp-agent.json, shipped in the lab jar), pointed
 * at a running simulator and with its clock compressed to the lab's time scale.
 */
public final class HospAgentConfig {

    public static final String RESOURCE = "/examples/hosp-agent.json";

    private HospAgentConfig() {}

    /** The documented config as it is, validated. */
    public static AgentConfig documented() {
        try (InputStream in = HospAgentConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the lab jar");
            }
            return ConfigCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documented config with every target group pointed at {@code upstreamHost:upstreamPort}, each
     * listener bound to {@code bindAddress:listenPort} (0: any free port), and durations scaled.
     */
    public static AgentConfig forLab(
            String upstreamHost, int upstreamPort, String bindAddress, int listenPort, double timeScale) {
        return forLab(upstreamHost, upstreamPort, bindAddress, listenPort, timeScale, null);
    }

    /** As above, with the access log going to {@code accessLog} (null: as documented). */
    public static AgentConfig forLab(
            String upstreamHost,
            int upstreamPort,
            String bindAddress,
            int listenPort,
            double timeScale,
            Path accessLog) {
        AgentConfig documented = documented();
        List<TargetGroup> groups = documented.targetGroups().stream()
                .map(g -> new TargetGroup(
                        g.name(),
                        List.of(new TargetGroup.Target(upstreamHost, upstreamPort)),
                        g.connectTimeoutMs(),
                        g.maxConnectionsPerTarget(),
                        g.maxResponseBytes(),
                        g.healthCheck()))
                .toList();
        List<Listener> listeners = documented.listeners().stream()
                .map(l -> new Listener(l.name(), l.protocol(), bindAddress, listenPort, l.rules(), l.defaultAction()))
                .toList();
        AgentConfig pointed = documented.withListeners(listeners, groups);
        if (accessLog != null) {
            pointed = pointed.withAccessLog(new AccessLog(true, accessLog.toString()));
        }
        return TimeScaling.scale(pointed, timeScale);
    }

    /** Where a lab agent started from {@link #forLab} takes traffic: its one listener, on 127.0.0.1. */
    public static URI trafficUri(AgentServer agent) {
        return URI.create("http://127.0.0.1:"
                + agent.port(agent.config().listeners().getFirst().name()));
    }
}
