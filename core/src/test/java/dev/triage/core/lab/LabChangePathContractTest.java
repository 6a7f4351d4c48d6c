package dev.triage.core.lab;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.contract.ChangePathContract;
import dev.triage.core.contract.LoadBalancersContract.ListenerWrites;
import dev.triage.core.contract.LoadBalancersContract.World;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Every kind of change through the one path, over the lab adapter and a live edge agent on
 * loopback: the rule writes work; the listener writes are refused as the adapter documents.
 */
class LabChangePathContractTest extends ChangePathContract {

    private static final String TOKEN = "change-path-edge-token-8d1f";

    private AgentServer agent;
    private AdminServer admin;
    private LabLoadBalancers lab;

    @Override
    protected World seed() throws IOException {
        int listenerPort = LabLoadBalancersContractTest.freePort();
        int legacyPort = LabLoadBalancersContractTest.freePort();
        int replacementPort = LabLoadBalancersContractTest.freePort();
        agent = AgentServer.start(LabLoadBalancersContractTest.edgeConfig(listenerPort, legacyPort, replacementPort));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}]}
                """.formatted(listenerPort, listenerPort, admin.port(), TOKEN));
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
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.UNSUPPORTED;
    }

    @AfterEach
    void stop() {
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
}
