package dev.triage.core.port;

import dev.triage.core.contract.ChangePathContract;
import dev.triage.core.contract.LoadBalancersContract.ListenerWrites;
import dev.triage.core.contract.LoadBalancersContract.World;
import dev.triage.core.domain.SslPolicy;
import java.util.List;

/** Every kind of change through the one path, over the in-memory fake (seeded as its port contract). */
class InMemoryChangePathContractTest extends ChangePathContract {

    @Override
    protected World seed() {
        World world = new InMemoryLoadBalancersContractTest().seed();
        ((InMemoryLoadBalancers) world.port())
                .add(new SslPolicy(
                        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", List.of("TLSv1.2", "TLSv1.3"), List.of()));
        return world;
    }

    @Override
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.SUPPORTED;
    }
}
