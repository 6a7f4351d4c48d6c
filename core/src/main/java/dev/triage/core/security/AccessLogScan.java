package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.accesslog.AlbLogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One pass of the access-log detectors: {@link #accept} each entry (in any order), then {@link #report}. Memory is
 * bounded by {@link DetectorSettings#maxTrackedCounters()} and {@link DetectorSettings#maxFindings()}. Not thread-safe.
 */
public final class AccessLogScan implements Consumer<AlbLogEntry> {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final DetectorSettings settings;
    private final IpRanges cdn;
    private final long windowMillis;
    private final Map<String, Counter> counters;
    private final Map<String, Aggregate> findings = new LinkedHashMap<>();
    private long entries;
    private long evicted;
    private long dropped;

    AccessLogScan(DetectorSettings settings, IpRanges cdn) {
        this.settings = settings;
        this.cdn = cdn;
        this.windowMillis = settings.burstWindow().toMillis();
        int cap = settings.maxTrackedCounters();
        this.counters = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                if (size() > cap) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public void accept(AlbLogEntry entry) {
        requireNonNull(entry, "entry");
        entries++;
        String ip = entry.client().ip();
        boolean viaCdn = cdn.contains(IpRanges.address(ip));
        Integer status = entry.elbStatusCode();
        boolean success = status != null && status >= 200 && status < 300;
        boolean write = entry.method() != null && WRITES.contains(entry.method());

        if (write && success && !cdn.isEmpty() && !viaCdn) {
            record(LogFindingKind.WRITE_OUTSIDE_CDN, Severity.CRITICAL, entry, 1, entry.time(), entry.time(), null);
        }
        if (write && entry.matchedDefaultRule() && entry.actionsExecuted().contains("forward")) {
            record(LogFindingKind.WRITE_VIA_DEFAULT_RULE, Severity.WARNING, entry, 1, entry.time(), entry.time(), null);
        }
        if (!viaCdn && status != null && !answeredByTheLoadBalancer(entry)) {
            if (status == 401 || status == 403) {
                burst(LogFindingKind.AUTH_FAILURE_BURST, settings.authFailureThreshold(), entry, "401/403");
            } else if (status == 404) {
                burst(LogFindingKind.NOT_FOUND_BURST, settings.notFoundThreshold(), entry, "404");
            }
        }
        AttackPatterns.Match scanner = AttackPatterns.scannerPath(entry.path());
        if (scanner != null) {
            record(
                    LogFindingKind.SCANNER_PATH,
                    success ? Severity.WARNING : Severity.INFO,
                    entry,
                    1,
                    entry.time(),
                    entry.time(),
                    "scanner path " + scanner.pattern());
        }
        AttackPatterns.Match injection = AttackPatterns.injection(entry.path(), entry.query());
        if (injection != null) {
            record(
                    LogFindingKind.INJECTION,
                    success ? Severity.CRITICAL : Severity.WARNING,
                    entry,
                    1,
                    entry.time(),
                    entry.time(),
                    injection.category() + ": " + injection.pattern());
        }
    }

    /** What was found so far, most severe first, then by count and time. */
    public AccessLogReport report() {
        List<LogFinding> list = new ArrayList<>();
        for (Aggregate a : findings.values()) {
            list.add(a.finding());
        }
        list.sort(Comparator.comparing(LogFinding::severity)
                .reversed()
                .thenComparing(Comparator.comparingLong(LogFinding::count).reversed())
                .thenComparing(LogFinding::first));
        List<String> notes = new ArrayList<>();
        if (cdn.isEmpty()) {
            notes.add("no CDN address ranges are set, so writes from outside the CDN are not checked");
        }
        if (evicted > 0) {
            notes.add(evicted + " burst counters were dropped (more clients than " + settings.maxTrackedCounters()
                    + " at once), so bursts may be undercounted");
        }
        if (dropped > 0) {
            notes.add(dropped + " matching requests were not kept: the limit of " + settings.maxFindings()
                    + " findings was reached");
        }
        return new AccessLogReport(list, entries, evicted, dropped, notes);
    }

    /** A fixed response or redirect from a rule (e.g. a block rule's 403): no credential or path was checked. */
    private static boolean answeredByTheLoadBalancer(AlbLogEntry entry) {
        return !entry.actionsExecuted().contains("forward")
                && (entry.actionsExecuted().contains("fixed-response")
                        || entry.actionsExecuted().contains("redirect"));
    }

    private void burst(LogFindingKind kind, int threshold, AlbLogEntry entry, String what) {
        long window = Math.floorDiv(entry.time().toEpochMilli(), windowMillis);
        String key = kind.ordinal() + "|" + entry.client().ip() + "|" + window;
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = new Counter(entry.time());
            counters.put(key, counter);
        }
        counter.add(entry.time());
        if (counter.count == threshold) {
            record(
                    kind,
                    kind.severity(),
                    entry,
                    threshold,
                    counter.first,
                    counter.last,
                    threshold + " answers " + what + " within "
                            + settings.burstWindow().toSeconds() + " s");
        } else if (counter.count > threshold) {
            record(kind, kind.severity(), entry, 1, entry.time(), entry.time(), null);
        }
    }

    private void record(
            LogFindingKind kind,
            Severity severity,
            AlbLogEntry entry,
            long count,
            Instant first,
            Instant last,
            String note) {
        String ip = entry.client().ip();
        String key = kind.ordinal() + "|" + ip;
        Aggregate aggregate = findings.get(key);
        if (aggregate == null) {
            if (findings.size() >= settings.maxFindings()) {
                dropped += count;
                return;
            }
            boolean viaCdn = cdn.contains(IpRanges.address(ip));
            aggregate = new Aggregate(
                    kind,
                    ip,
                    LogEvidence.path(entry),
                    LogEvidence.route(entry),
                    LogEvidence.of(entry, note),
                    blockFix(kind, ip, viaCdn));
            findings.put(key, aggregate);
        }
        aggregate.add(severity, count, first, last);
    }

    private static Remediation blockFix(LogFindingKind kind, String ip, boolean viaCdn) {
        if (viaCdn || kind == LogFindingKind.WRITE_VIA_DEFAULT_RULE || IpRanges.address(ip) == null) {
            return null;
        }
        String block = IpRanges.hostBlock(ip);
        return Remediation.of(Remediation.Kind.BLOCK_SOURCES)
                .with(Remediation.CIDRS, block)
                .summary("block " + block + " at the load balancer (fixed 403 at the top)");
    }

    private static final class Counter {
        long count;
        Instant first;
        Instant last;

        Counter(Instant time) {
            first = time;
            last = time;
        }

        void add(Instant time) {
            count++;
            if (time.isBefore(first)) {
                first = time;
            }
            if (time.isAfter(last)) {
                last = time;
            }
        }
    }

    private static final class Aggregate {
        private final LogFindingKind kind;
        private final String ip;
        private final String path;
        private final String route;
        private final String evidence;
        private final Remediation fix;
        private Severity severity = Severity.INFO;
        private long count;
        private Instant first;
        private Instant last;

        Aggregate(LogFindingKind kind, String ip, String path, String route, String evidence, Remediation fix) {
            this.kind = kind;
            this.ip = ip;
            this.path = path;
            this.route = route;
            this.evidence = evidence;
            this.fix = fix;
        }

        void add(Severity seen, long more, Instant from, Instant to) {
            if (seen.compareTo(severity) > 0) {
                severity = seen;
            }
            count += more;
            if (first == null || from.isBefore(first)) {
                first = from;
            }
            if (last == null || to.isAfter(last)) {
                last = to;
            }
        }

        LogFinding finding() {
            return new LogFinding(kind, severity, ip, path, route, evidence, first, last, count, fix);
        }
    }
}
