package dev.triage.core.security;

import java.util.List;
import java.util.Locale;

/**
 * What attackers send, as the agents' detectors know it: injection shapes (path traversal, SQL, script) and the paths
 * vulnerability scanners ask for. Text is percent-decoded twice (so {@code %252e%252e%252f} is caught), bounded in
 * length, and compared in lower case.
 */
final class AttackPatterns {

    /** A match: which list, and the pattern found (our own text, safe to show). */
    record Match(String category, String pattern) {}

    static final int MAX_INSPECTED_CHARS = 4096;

    private static final List<Match> INJECTION = List.of(
            new Match("traversal", "../"),
            new Match("traversal", "..\\"),
            new Match("traversal", "..;"),
            new Match("traversal", "/etc/passwd"),
            new Match("traversal", "/proc/self/"),
            new Match("traversal", "c:\\windows"),
            new Match("traversal", "\u0000"),
            new Match("sql", "' or "),
            new Match("sql", "'or'"),
            new Match("sql", "' or'"),
            new Match("sql", "\" or "),
            new Match("sql", " or 1=1"),
            new Match("sql", "'or 1=1"),
            new Match("sql", "' and "),
            new Match("sql", "union select"),
            new Match("sql", "union all select"),
            new Match("sql", "'--"),
            new Match("sql", "' --"),
            new Match("sql", "';"),
            new Match("sql", "sleep("),
            new Match("sql", "benchmark("),
            new Match("sql", "waitfor delay"),
            new Match("sql", "information_schema"),
            new Match("sql", "drop table"),
            new Match("sql", "xp_cmdshell"),
            new Match("script", "<script"),
            new Match("script", "</script"),
            new Match("script", "javascript:"),
            new Match("script", "vbscript:"),
            new Match("script", "onerror="),
            new Match("script", "onload="),
            new Match("script", "<svg"),
            new Match("script", "<iframe"),
            new Match("script", "<img"),
            new Match("script", "document.cookie"));

    /** Matched at the start of a path segment. */
    private static final List<Match> SCANNER = List.of(
            new Match("scanner", "/.env"),
            new Match("scanner", "/.git"),
            new Match("scanner", "/.svn"),
            new Match("scanner", "/.hg/"),
            new Match("scanner", "/.aws"),
            new Match("scanner", "/.ssh"),
            new Match("scanner", "/.htaccess"),
            new Match("scanner", "/.htpasswd"),
            new Match("scanner", "/.ds_store"),
            new Match("scanner", "/wp-admin"),
            new Match("scanner", "/wp-login"),
            new Match("scanner", "/wp-content"),
            new Match("scanner", "/wp-includes"),
            new Match("scanner", "/xmlrpc.php"),
            new Match("scanner", "/phpmyadmin"),
            new Match("scanner", "/phpinfo"),
            new Match("scanner", "/pma/"),
            new Match("scanner", "/myadmin"),
            new Match("scanner", "/actuator"),
            new Match("scanner", "/server-status"),
            new Match("scanner", "/cgi-bin/"),
            new Match("scanner", "/vendor/phpunit"),
            new Match("scanner", "/config.php"),
            new Match("scanner", "/manager/html"),
            new Match("scanner", "/boaform"));

    private AttackPatterns() {}

    /** The first injection shape in the path or query, or null. */
    static Match injection(String path, String query) {
        String decodedPath = decode(path, false);
        Match found = first(INJECTION, decodedPath);
        if (found == null && decodedPath.endsWith("/..")) {
            found = new Match("traversal", "/..");
        }
        if (found == null && query != null) {
            found = first(INJECTION, decode(query, true));
        }
        return found;
    }

    /** The scanner path the path asks for, or null. */
    static Match scannerPath(String path) {
        return first(SCANNER, decode(path, false));
    }

    private static Match first(List<Match> patterns, String text) {
        for (Match match : patterns) {
            if (text.contains(match.pattern())) {
                return match;
            }
        }
        return null;
    }

    /** Percent-decoded twice ('+' as a space in a query), lower case, at most {@link #MAX_INSPECTED_CHARS}. */
    static String decode(String text, boolean query) {
        if (text == null) {
            return "";
        }
        String bounded = text.length() > MAX_INSPECTED_CHARS ? text.substring(0, MAX_INSPECTED_CHARS) : text;
        String once = percentDecode(query ? bounded.replace('+', ' ') : bounded);
        return percentDecode(once).toLowerCase(Locale.ROOT);
    }

    /** Decodes %XX into chars 0..255 (bytes as Latin-1: the patterns are ASCII); a bad escape is kept as is. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.append((char) (hi * 16 + lo));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
