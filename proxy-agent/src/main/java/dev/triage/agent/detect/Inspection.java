package dev.triage.agent.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed lists of what attackers send: injection shapes (path traversal, SQL, script) and paths that
 * vulnerability scanners ask for. Matching is a scan with a first-character table over the bounded
 * {@link DecodedText}: linear in the input, no regular expressions, nothing allocated.
 */
final class Inspection {

    /** A match: which list, and the pattern found (our own text, safe to show). */
    record Finding(String category, String pattern) {}

    private static final List<Finding> INJECTION = List.of(
            // traversal (after decoding, so %2e%2e%2f, %252e and overlong forms are caught too)
            new Finding("traversal", "../"),
            new Finding("traversal", "..\\"),
            new Finding("traversal", "..;"),
            new Finding("traversal", "/etc/passwd"),
            new Finding("traversal", "/proc/self/"),
            new Finding("traversal", "c:\\windows"),
            new Finding("traversal", "\u0000"),
            // SQL
            new Finding("sql", "' or "),
            new Finding("sql", "'or'"),
            new Finding("sql", "' or'"),
            new Finding("sql", "\" or "),
            new Finding("sql", " or 1=1"),
            new Finding("sql", "'or 1=1"),
            new Finding("sql", "' and "),
            new Finding("sql", "union select"),
            new Finding("sql", "union all select"),
            new Finding("sql", "'--"),
            new Finding("sql", "' --"),
            new Finding("sql", "';"),
            new Finding("sql", "' ;"),
            new Finding("sql", "sleep("),
            new Finding("sql", "benchmark("),
            new Finding("sql", "waitfor delay"),
            new Finding("sql", "information_schema"),
            new Finding("sql", "drop table"),
            new Finding("sql", "xp_cmdshell"),
            // script
            new Finding("script", "<script"),
            new Finding("script", "</script"),
            new Finding("script", "javascript:"),
            new Finding("script", "vbscript:"),
            new Finding("script", "onerror="),
            new Finding("script", "onload="),
            new Finding("script", "<svg"),
            new Finding("script", "<iframe"),
            new Finding("script", "<img"),
            new Finding("script", "document.cookie"));

    /** Matched at the start of a path segment; each is followed by anything. */
    private static final List<Finding> SCANNER = List.of(
            new Finding("scanner", "/.env"),
            new Finding("scanner", "/.git"),
            new Finding("scanner", "/.svn"),
            new Finding("scanner", "/.hg/"),
            new Finding("scanner", "/.aws"),
            new Finding("scanner", "/.ssh"),
            new Finding("scanner", "/.htaccess"),
            new Finding("scanner", "/.htpasswd"),
            new Finding("scanner", "/.ds_store"),
            new Finding("scanner", "/wp-admin"),
            new Finding("scanner", "/wp-login"),
            new Finding("scanner", "/wp-content"),
            new Finding("scanner", "/wp-includes"),
            new Finding("scanner", "/xmlrpc.php"),
            new Finding("scanner", "/phpmyadmin"),
            new Finding("scanner", "/phpinfo"),
            new Finding("scanner", "/pma/"),
            new Finding("scanner", "/myadmin"),
            new Finding("scanner", "/actuator"),
            new Finding("scanner", "/server-status"),
            new Finding("scanner", "/cgi-bin/"),
            new Finding("scanner", "/vendor/phpunit"),
            new Finding("scanner", "/config.php"),
            new Finding("scanner", "/manager/html"),
            new Finding("scanner", "/boaform"));

    private static final Finding CLIMB = new Finding("traversal", "/..");
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
