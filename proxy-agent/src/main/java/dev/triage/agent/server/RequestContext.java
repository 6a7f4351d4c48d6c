package dev.triage.agent.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client request's processing learns on the way, for its access-log line: bound as a scoped
 * value on the request's virtual thread and carried to hedged attempts by {@link ContextExecutor}.
 */
final class RequestContext {

    static final ScopedValue<RequestContext> CURRENT = ScopedValue.newInstance();

    final AtomicInteger attempts = new AtomicInteger();
    volatile String targetGroup = "-";
    volatile String outcome = "ok";

    static void countAttempt() {
        if (CURRENT.isBound()) {
            CURRENT.get().attempts.incrementAndGet();
        }
    }
}
