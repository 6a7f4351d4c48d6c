package dev.triage.agent.metrics;

import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.upstream.UpstreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Upstream attempts and their failures, by kind and by 5XX. */
final class UpstreamCounter {

    private static final UpstreamException.Kind[] KINDS = UpstreamException.Kind.values();

    private final LongAdder attempts = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder status5xx = new LongAdder();
    private final LongAdder[] byKind = new LongAdder[KINDS.length];

    UpstreamCounter() {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new LongAdder();
        }
    }

    void record(int status, UpstreamException.Kind failure) {
        attempts.increment();
        if (failure != null) {
            failed.increment();
            byKind[failure.ordinal()].increment();
        } else if (status >= 500) {
            failed.increment();
            status5xx.increment();
        }
    }

    UpstreamCounts counts() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (UpstreamException.Kind kind : KINDS) {
            long count = byKind[kind.ordinal()].sum();
            if (count > 0) {
                kinds.put(kind.name(), count);
            }
        }
        return new UpstreamCounts(attempts.sum(), failed.sum(), status5xx.sum(), kinds);
    }
}
