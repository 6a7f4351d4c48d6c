package dev.triage.core.security;

import java.util.List;

/**
 * What a scan of access logs found.
 *
 * @param findings one per (kind, source), most severe first, then by count
 * @param entries how many log entries were read
 * @param evictedCounters burst counters dropped because more were live than the cap (bursts may be undercounted)
 * @param droppedOccurrences matching requests not kept because the findings cap was reached
 * @param notes what the scan could not check, in words (e.g. no CDN ranges set)
 */
public record AccessLogReport(
        List<LogFinding> findings, long entries, long evictedCounters, long droppedOccurrences, List<String> notes) {

    public AccessLogReport {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** The findings of one kind. */
    public List<LogFinding> of(LogFindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
