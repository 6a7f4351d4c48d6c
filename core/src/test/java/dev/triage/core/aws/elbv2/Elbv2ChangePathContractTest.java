package dev.triage.core.aws.elbv2;

import dev.triage.core.contract.ChangePathContract;
import dev.triage.core.contract.LoadBalancersContract.ListenerWrites;
import dev.triage.core.contract.LoadBalancersContract.World;

/** Every kind of change through the one path, over the ELBv2 adapter and the SDK client fake. */
class Elbv2ChangePathContractTest extends ChangePathContract {

    @Override
    protected World seed() {
        return new Elbv2LoadBalancersContractTest().seed();
    }

    @Override
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.SUPPORTED;
    }
}
