package dev.triage.agent.upstream;

import dev.triage.agent.api.config.TargetGroup;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target group's active health checks: every interval, one GET of the check path to each target
 * that has none in flight; consecutive passes and failures flip the target's verdict at the
 * configured thresholds. Started once, stopped once (a stopped check never restarts).
 */
final class ActiveHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealthCheck.class);

    private enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final String groupName;
    private final TargetGroup.HealthCheck config;
    private final Target[] targets;
    private final CheckRunner runner;
    private State state = State.NEW;
    private ScheduledFuture<?> ticks;

    ActiveHealthCheck(String groupName, TargetGroup.HealthCheck config, Target[] targets, CheckRunner runner) {
        this.groupName = groupName;
        this.config = config;
        this.targets = targets;
        this.runner = runner;
    }

    synchronized void start() {
        if (state != State.NEW) {
            return;
        }
        state = State.RUNNING;
        ticks = runner.every(config.intervalMs(), this::tick);
    }

    synchronized void stop() {
        if (state == State.RUNNING) {
            ticks.cancel(false);
        }
        state = State.STOPPED;
    }

    synchronized boolean running() {
        return state == State.RUNNING;
    }

    /** One round: a check to every target that has none in flight. Never throws (that would end the ticks). */
    void tick() {
        for (Target target : targets) {
            if (target.startCheck()) {
                try {
                    runner.check(target, config.path(), config.timeoutMs(), passed -> ended(target, passed));
                } catch (RuntimeException e) {
                    LOG.warn("target group {}: health check of {} not sent: {}", groupName, target, e.toString());
                    ended(target, false);
                }
            }
        }
    }

    private void ended(Target target, boolean passed) {
        if (target.endCheck(passed, config.healthyThreshold(), config.unhealthyThreshold())) {
            LOG.info(
                    "target group {}: target {} is now {} (health check GET {})",
                    groupName,
                    target,
                    passed ? "healthy" : "unhealthy",
                    config.path());
            runner.changed(groupName, target, passed);
        }
    }
}
