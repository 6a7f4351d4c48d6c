package dev.triage.agent.upstream;

/**
 * Told when an active health check changes a target's verdict (for events and logs). Called on the
 * upstream client's I/O thread: it must return quickly and never block.
 */
@FunctionalInterface
public interface TargetHealthListener {

    TargetHealthListener NONE = (targetGroup, target, healthy) -> {};

    /**
     * @param targetGroup the group's name
     * @param target host:port
     * @param healthy the new verdict
     */
    void changed(String targetGroup, String target, boolean healthy);
}
