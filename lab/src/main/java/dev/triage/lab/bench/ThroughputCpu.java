package dev.triage.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of this process (client, agent and upstream together) and of the whole machine, read
 * around a measured phase. On a shared machine the difference says how much of the processors
 * something else took while the bench ran; CPU per request is steadier than requests per second there.
 */
record ThroughputCpu(long processNanos, long machineBusyNanos) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** USER_HZ on Linux: /proc/stat counts in hundredths of a second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ThroughputCpu now() {
        return new ThroughputCpu(readProcessNanos(), readMachineBusyNanos());
    }

    /** Process CPU seconds since {@code earlier}, or -1 when the JVM cannot tell. */
    double processSecondsSince(ThroughputCpu earlier) {
        return processNanos < 0 || earlier.processNanos < 0 ? -1 : (processNanos - earlier.processNanos) / 1e9;
    }

    /** CPU seconds other processes used since {@code earlier}, or -1 when unknown (not Linux). */
    double otherSecondsSince(ThroughputCpu earlier) {
        if (machineBusyNanos < 0 || earlier.machineBusyNanos < 0 || processNanos < 0 || earlier.processNanos < 0) {
            return -1;
        }
        long machine = machineBusyNanos - earlier.machineBusyNanos;
        long process = processNanos - earlier.processNanos;
        return Math.max(0, machine - process) / 1e9;
    }

    private static long readProcessNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** Busy time of all processors from the first line of /proc/stat (all but idle and iowait). */
    private static long readMachineBusyNanos() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            if (lines.isEmpty() || !lines.getFirst().startsWith("cpu ")) {
                return -1;
            }
            String[] fields = lines.getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
