package dev.triage.core.lab;

import dev.triage.core.contract.ChangePathContract;
import dev.triage.core.contract.LoadBalancersContract.ListenerWrites;
import dev.triage.core.contract.LoadBalancersContract.World;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/**
 * Every kind of change through the one path, over the lab adapter and a live edge agent on
 * loopback: the rule writes work; the listener writes are refused as the adapter documents.
 */
class LabChangePathContractTest extends ChangePathContract {

    private static final String TOKEN = "change-path-edge-token-8d1f";

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
