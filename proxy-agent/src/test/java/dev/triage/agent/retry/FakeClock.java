package dev.triage.agent.retry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A monotonic clock the test moves by hand. */
final class FakeClock implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(123_456_789L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }
}
