package dev.triage.core.security;

import dev.triage.core.domain.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the access-log detectors look for.
 *
 * @param cdnRanges the CDN's origin-facing address ranges (CIDR, IPv4 and IPv6); empty: the write-outside-CDN check is
 *     off (the report says so), and no source is treated as the CDN
 * @param authFailureThreshold this many 401/403 to one client within {@code burstWindow} is a burst
 * @param notFoundThreshold this many 404 to one client within {@code burstWindow} is a burst
 * @param burstWindow bursts are counted in consecutive windows of this length (aligned to the epoch, so the order
 *     in which log files are read does not matter)
 * @param maxTrackedCounters at most this many (kind, client, window) burst counters are held; the least recently used
 *     is dropped beyond (the report counts drops)
 * @param maxFindings at most this many (kind, source) findings are held; occurrences of new ones beyond are counted
 *     in the report, not kept
 */
public record DetectorSettings(
        List<String> cdnRanges,
        int authFailureThreshold,
        int notFoundThreshold,
        Duration burstWindow,
        int maxTrackedCounters,
        int maxFindings) {

    public DetectorSettings {
        Validation v = Validation.of("access-log detector settings");
        if (v.present("cdnRanges", cdnRanges, "a list of CIDR blocks (may be empty)")) {
            List<String> problems = new ArrayList<>();
            IpRanges.parse(cdnRanges, problems);
            v.addAll(problems);
        }
        v.range("authFailureThreshold", authFailureThreshold, 2, 1_000_000);
        v.range("notFoundThreshold", notFoundThreshold, 2, 1_000_000);
        if (v.present("burstWindow", burstWindow, "a window such as 60 s")) {
            v.check(
                    burstWindow.toMillis() >= 1_000 && burstWindow.compareTo(Duration.ofDays(1)) <= 0,
                    "burstWindow: " + burstWindow + " (expected: 1 s .. 1 day)");
        }
        v.range("maxTrackedCounters", maxTrackedCounters, 16, 10_000_000);
        v.range("maxFindings", maxFindings, 16, 1_000_000);
        v.throwIfInvalid();
        cdnRanges = List.copyOf(cdnRanges);
    }

    /** No CDN ranges, 20 auth failures or 30 not-found per 60 s, 100,000 counters, 10,000 findings. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(List.of(), 20, 30, Duration.ofSeconds(60), 100_000, 10_000);
    }

    public DetectorSettings withCdnRanges(List<String> ranges) {
        return new DetectorSettings(
                ranges, authFailureThreshold, notFoundThreshold, burstWindow, maxTrackedCounters, maxFindings);
    }

    public DetectorSettings withThresholds(int authFailures, int notFound, Duration window) {
        return new DetectorSettings(cdnRanges, authFailures, notFound, window, maxTrackedCounters, maxFindings);
    }

    public DetectorSettings withCaps(int counters, int findings) {
        return new DetectorSettings(
                cdnRanges, authFailureThreshold, notFoundThreshold, burstWindow, counters, findings);
    }
}
