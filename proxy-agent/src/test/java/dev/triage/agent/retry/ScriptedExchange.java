package dev.triage.agent.retry;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake upstream path: answers each call with the next scripted step, and remembers the calls. */
final class ScriptedExchange implements Exchange {

    @FunctionalInterface
    interface Step {
        ProxyResponse run(ProxyRequest request, Deadline deadline) throws UpstreamException, InterruptedException;
    }

    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    static ScriptedExchange of(Step... script) {
        ScriptedExchange exchange = new ScriptedExchange();
        exchange.steps.addAll(List.of(script));
        return exchange;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        calls.incrementAndGet();
        deadlines.add(deadline);
        threads.add(Thread.currentThread());
        Step step = steps.poll();
        if (step == null) {
            throw new AssertionError("unexpected call " + calls.get() + ": the script has no step left");
        }
        return step.run(request, deadline);
    }

    int calls() {
        return calls.get();
    }

    List<Deadline> deadlines() {
        return deadlines;
    }

    List<Thread> threads() {
        return threads;
    }

    static Step respond(int status, String... headers) {
        return respondWith(status, "status " + status, headers);
    }

    static Step respondWith(int status, String body, String... headers) {
        ProxyResponse response = new ProxyResponse(status, Headers.of(headers), body.getBytes(StandardCharsets.UTF_8));
        return (request, deadline) -> response;
    }

    static Step fail(Kind kind) {
        return (request, deadline) -> {
            throw new UpstreamException(kind, "scripted " + kind, null);
        };
    }

    static Step fail(Kind kind, boolean sent) {
        return (request, deadline) -> {
            throw new UpstreamException(kind, sent, "scripted " + kind, null);
        };
    }

    /** Blocks until {@code release} opens (at most 10 s, so a broken test cannot hang), then runs {@code then}. */
    static Step after(CountDownLatch release, Step then) {
        return (request, deadline) -> {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("step never released");
            }
            return then.run(request, deadline);
        };
    }

    /** Blocks until interrupted (at most 10 s), then counts down {@code interrupted} and rethrows. */
    static Step hangUntilInterrupted(CountDownLatch interrupted) {
        return (request, deadline) -> {
            try {
                Thread.sleep(10_000);
                throw new AssertionError("never interrupted");
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }
}
