package dev.triage.agent.retry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and returns at once. */
final class RecordingSleeper implements Sleeper {

    private final List<Long> nanos = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long waitNanos) {
        nanos.add(waitNanos);
    }

    List<Long> millis() {
        return nanos.stream().map(n -> n / 1_000_000L).toList();
    }

    List<Long> nanos() {
        return nanos;
    }
}
