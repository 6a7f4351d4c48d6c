package dev.triage.core.lab;

import dev.triage.core.contract.LoadBalancersContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/** The contract against the lab adapter over a live edge agent and its admin API on loopback sockets. */
class LabLoadBalancersContractTest extends LoadBalancersContract {

    private static final String TOKEN = "contract-edge-token-5e2a";

    private final LiveEdge edge = new LiveEdge();

    @Override
    protected World seed() throws IOException {
        return edge.start(dir, TOKEN);
    }

    @Override
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.UNSUPPORTED;
    }

    @AfterEach
    void stop() {
        edge.close();
    }
}
