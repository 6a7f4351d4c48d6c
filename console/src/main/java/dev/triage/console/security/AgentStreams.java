package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.console.fx.Tasks;
import dev.triage.core.fleet.FleetAgent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event subscription per agent: opened off the UI thread, security events queued from the I/O
 * threads and handed to the UI thread in batches; a dropped stream marks the agent stale and is
 * opened again after a growing pause (1 s doubling to 30 s), live again once it reopens.
 */
final class AgentStreams {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    /** Runs an action on the UI thread after a pause; cancelled on stop. */
    @FunctionalInterface
    interface Later {
        Tasks.Handle after(Duration pause, Runnable action);
    }

    /** A security event and the agent that sent it. */
    record Received(String agent, SecurityEvent event) {}

    private final SecuritySource source;
    private final Tasks tasks;
    private final Later later;
    private final Clock clock;
    private final Consumer<List<Received>> onEvents;
    private final Consumer<StreamState> onState;
    private final ConcurrentLinkedQueue<Received> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<String, Subscription> open = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final List<Tasks.Handle> pending = new ArrayList<>();
    private boolean running;

    AgentStreams(
            SecuritySource source,
            Tasks tasks,
            Later later,
            Clock clock,
            Consumer<List<Received>> onEvents,
            Consumer<StreamState> onState) {
        this.source = requireNonNull(source, "source");
        this.tasks = requireNonNull(tasks, "tasks");
        this.later = requireNonNull(later, "later");
        this.clock = requireNonNull(clock, "clock");
        this.onEvents = requireNonNull(onEvents, "onEvents");
        this.onState = requireNonNull(onState, "onState");
    }

    /** A pause that sleeps on a background thread of {@code tasks}. */
    static Later sleeping(Tasks tasks) {
        return (pause, action) -> tasks.run(
                "resubscribe pause",
                () -> {
                    Thread.sleep(pause.toMillis());
                    return Boolean.TRUE;
                },
                ignored -> action.run(),
                failure -> action.run());
    }

    /** Opens every agent's stream. On the UI thread. */
    void start() {
        if (running) {
            return;
        }
        running = true;
        for (FleetAgent agent : source.agents()) {
            connect(agent);
        }
    }

    /** Closes every stream and cancels the pending reconnects. On the UI thread. */
    void stop() {
        running = false;
        pending.forEach(Tasks.Handle::cancel);
        pending.clear();
        List<Subscription> closing = new ArrayList<>(open.values());
        open.clear();
        if (!closing.isEmpty()) {
            tasks.run(
                    "close event streams",
                    () -> {
                        closing.forEach(Subscription::close);
                        return Boolean.TRUE;
                    },
                    ignored -> {},
                    failure -> {});
        }
    }

    private void connect(FleetAgent agent) {
        String name = agent.name();
        onState.accept(new StreamState(name, StreamState.Status.CONNECTING, clock.instant(), ""));
        tasks.run(
                "subscribe to " + name,
                () -> {
                    Subscription subscription = source.subscribe(agent, event -> incoming(name, event));
                    try {
                        subscription.opened().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        subscription.close();
                        throw e;
                    }
                    return subscription;
                },
                subscription -> opened(agent, subscription),
                failure -> lost(agent, failure));
    }

    private void opened(FleetAgent agent, Subscription subscription) {
        String name = agent.name();
        if (!running) {
            tasks.run("close event stream", () -> closeQuietly(subscription), ignored -> {}, failure -> {});
            return;
        }
        open.put(name, subscription);
        failures.remove(name);
        onState.accept(new StreamState(name, StreamState.Status.LIVE, clock.instant(), ""));
        subscription
                .done()
                .whenComplete((ok, failure) -> tasks.ui(() -> {
                    if (open.get(name) == subscription) {
                        open.remove(name);
                        lost(agent, failure == null ? new IllegalStateException("the stream ended") : failure);
                    }
                }));
    }

    private void lost(FleetAgent agent, Throwable failure) {
        if (!running) {
            return;
        }
        String name = agent.name();
        int count = failures.merge(name, 1, Integer::sum);
        Duration pause = pause(count);
        onState.accept(new StreamState(
                name,
                StreamState.Status.STALE,
                clock.instant(),
                reason(failure) + "; trying again in " + pause.toSeconds() + " s"));
        Tasks.Handle[] handle = new Tasks.Handle[1];
        handle[0] = later.after(pause, () -> {
            pending.remove(handle[0]);
            if (running) {
                connect(agent);
            }
        });
        if (handle[0] != null && !handle[0].isDone()) {
            pending.add(handle[0]);
        }
    }

    /** 1 s after the first failure, doubling up to {@link #LONGEST_PAUSE}. */
    static Duration pause(int failures) {
        long seconds = FIRST_PAUSE.toSeconds() << Math.min(failures - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_PAUSE.toSeconds()));
    }

    private void incoming(String agent, AgentEvent event) {
        if (!(event instanceof AgentEvent.SecurityAlert alert)) {
            return;
        }
        queue.add(new Received(agent, alert.event()));
        if (draining.compareAndSet(false, true)) {
            tasks.ui(this::drain);
        }
    }

    private void drain() {
        draining.set(false);
        List<Received> batch = new ArrayList<>();
        for (Received next = queue.poll(); next != null; next = queue.poll()) {
            batch.add(next);
        }
        if (running && !batch.isEmpty()) {
            onEvents.accept(batch);
        }
    }

    private static Boolean closeQuietly(Subscription subscription) {
        subscription.close();
        return Boolean.TRUE;
    }

    static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "the stream did not open within " + OPEN_TIMEOUT.toSeconds() + " s";
        }
        return dev.triage.console.fx.Messages.reason(t);
    }
}
