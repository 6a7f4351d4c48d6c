package dev.triage.agent.detect;

import dev.triage.agent.api.detect.AttackPatterns;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed lists of what attackers send ({@link AttackPatterns} in agent-api, shared with core's access-log
 * detectors): injection shapes (path traversal, SQL, script) and paths that vulnerability scanners ask for. Matching is a scan with a first-character table over the bounded
 * {@link DecodedText}: linear in the input, no regular expressions, nothing allocated.
 */
final class Inspection {

    /** A match: which list, and the pattern found (our own text, safe to show). */
    record Finding(String category, String pattern) {}

    private static final List<Finding> INJECTION = findings(AttackPatterns.INJECTION);
    /** Matched at the start of a path segment; each is followed by anything. */
    private static final List<Finding> SCANNER = findings(AttackPatterns.SCANNER);

    private static final Finding CLIMB = new Finding(AttackPatterns.CLIMB.category(), AttackPatterns.CLIMB.pattern());
    private static final Finding[][] INJECTION_BY_FIRST = index(INJECTION);
    private static final Finding[][] SCANNER_BY_SECOND = indexSecond(SCANNER);

    private Inspection() {}

    /** The first injection shape in the text, or null. */
    static Finding injection(DecodedText text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                continue;
            }
            Finding[] candidates = INJECTION_BY_FIRST[c];
            if (candidates == null) {
                continue;
            }
            for (Finding candidate : candidates) {
                if (text.matchesAt(i, candidate.pattern())) {
                    return candidate;
                }
            }
        }
        // a path ending in "/.." climbs without a trailing slash
        if (n >= 3 && text.matchesAt(n - 3, "/..")) {
            return CLIMB;
        }
        return null;
    }

    /** The scanner path the (decoded) path asks for, or null; checked at each '/'. */
    static Finding scannerPath(DecodedText path) {
        int n = path.length();
        for (int i = 0; i + 1 < n; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            char next = path.charAt(i + 1);
            Finding[] candidates = next < 128 ? SCANNER_BY_SECOND[next] : null;
            if (candidates == null) {
                continue;
            }
            for (Finding candidate : candidates) {
                if (path.matchesAt(i, candidate.pattern())) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The shared lists as this matcher's records, once at class load (the hot path only reads the tables). */
    private static List<Finding> findings(List<AttackPatterns.Signature> signatures) {
        return signatures.stream()
                .map(s -> new Finding(s.category(), s.pattern()))
                .toList();
    }

    private static Finding[][] index(List<Finding> findings) {
        return indexAt(findings, 0);
    }

    private static Finding[][] indexSecond(List<Finding> findings) {
        return indexAt(findings, 1);
    }

    private static Finding[][] indexAt(List<Finding> findings, int position) {
        List<List<Finding>> table = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            table.add(null);
        }
        for (Finding finding : findings) {
            char c = finding.pattern().charAt(position);
            if (table.get(c) == null) {
                table.set(c, new ArrayList<>());
            }
            table.get(c).add(finding);
        }
        Finding[][] result = new Finding[128][];
        for (int c = 0; c < 128; c++) {
            if (table.get(c) != null) {
                result[c] = table.get(c).toArray(Finding[]::new);
            }
        }
        return result;
    }
}
