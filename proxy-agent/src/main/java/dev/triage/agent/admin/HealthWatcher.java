package dev.triage.agent.admin;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns target health into {@code health} events by sampling the agent's stats at a fixed interval
 * and publishing each target whose health differs from the previous sample (a target not seen before
 * counts as previously healthy, as targets start). The data plane has no health callback, so a change
 * is seen within one sampling interval. Sampling runs whether or not anyone is subscribed, so a
 * subscriber is told of every change after it subscribed.
 */
final class HealthWatcher implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(HealthWatcher.class);

    record Key(String targetGroup, String target) {}

    private final Supplier<AgentStats> stats;
    private final EventHub hub;
    private final ScheduledExecutorService timer;
    private Map<Key, Boolean> last = Map.of();

    HealthWatcher(Supplier<AgentStats> stats, EventHub hub, Duration interval) {
        this.stats = requireNonNull(stats, "stats");
        this.hub = requireNonNull(hub, "hub");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "triage-admin-health");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::sampleSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.debug("health sampling failed: {}", e.toString());
        }
    }

    /** One sample: publishes the targets whose health changed since the previous one. */
    void sample() {
        Map<Key, Boolean> now = new LinkedHashMap<>();
        for (TargetGroupStats group : stats.get().targetGroups().values()) {
            for (TargetStats target : group.targets()) {
                now.put(new Key(group.name(), target.target()), target.healthy());
            }
        }
        for (Map.Entry<Key, Boolean> entry : now.entrySet()) {
            boolean before = last.getOrDefault(entry.getKey(), true);
            if (before != entry.getValue()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("targetGroup", entry.getKey().targetGroup());
                data.put("target", entry.getKey().target());
                data.put("healthy", entry.getValue());
                hub.publish("health", data);
            }
        }
        last = new HashMap<>(now);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
