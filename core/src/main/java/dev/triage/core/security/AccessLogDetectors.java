package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.accesslog.AlbLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Security detectors over Application Load Balancer access logs (as {@code AccessLogs.entries} streams them from S3),
 * for the AWS case where agents see only part of the traffic: writes answered 2XX from outside the CDN, writes the
 * default rule served, bursts of 401/403 and of 404 per client, scanner paths, and injection-shaped paths or queries.
 * Findings are aggregated per (kind, source) with a masked evidence sample, first and last time and a count.
 *
 * <p>A scan reads each entry once and holds only bounded state (see {@link DetectorSettings}), so a day of logs does
 * not exhaust memory. Access logs carry no request headers: whether a request had the CDN's header or credentials is
 * not known here, which is why the source address is compared with the CDN's ranges.
 *
 * <p>Sources inside the CDN's ranges are the CDN's edges, each carrying many clients (staff among them): they are not
 * counted for bursts and never offered for blocking.
 */
public final class AccessLogDetectors {

    private final DetectorSettings settings;
    private final IpRanges cdn;

    public AccessLogDetectors(DetectorSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        List<String> problems = new ArrayList<>();
        this.cdn = IpRanges.parse(settings.cdnRanges(), problems);
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** A scan to feed entry by entry (for progress and cancelling between entries); not thread-safe. */
    public AccessLogScan newScan() {
        return new AccessLogScan(settings, cdn);
    }

    /** Reads the whole stream (closing it) and reports. */
    public AccessLogReport scan(Stream<AlbLogEntry> entries) {
        requireNonNull(entries, "entries");
        AccessLogScan scan = newScan();
        try (entries) {
            entries.forEach(scan);
        }
        return scan.report();
    }
}
