package dev.triage.lab.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Outcomes of one load run, reads and writes apart; status 0 means no response at all. */
final class RunResult {

    private final Outcomes reads = new Outcomes();
    private final Outcomes writes = new Outcomes();

    void record(Operation operation, int status, long nanos) {
        (operation.isWrite() ? writes : reads).record(status, nanos);
    }

    Outcomes reads() {
        return reads;
    }

    Outcomes writes() {
        return writes;
    }

    static final class Outcomes {
        private final LongAdder sent = new LongAdder();
        private final LongAdder succeeded = new LongAdder();
        private final LongAdder noResponse = new LongAdder();
        private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);

        void record(int status, long nanos) {
            sent.increment();
            if (status >= 200 && status < 300) {
                succeeded.increment();
            } else if (status == 0) {
                noResponse.increment();
            }
            latencyMicros.recordValue(Math.min(nanos / 1_000, latencyMicros.getHighestTrackableValue()));
        }

        long sent() {
            return sent.sum();
        }

        long succeeded() {
            return succeeded.sum();
        }

        long noResponse() {
            return noResponse.sum();
        }

        double successRate() {
            long total = sent();
            return total == 0 ? 1.0 : (double) succeeded() / total;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
