package dev.triage.agent.api.detect;

import java.util.List;
import java.util.Objects;

/**
 * What attackers send, one list for every detector (the agents' request-side detectors and core's access-log
 * detectors): injection shapes (path traversal, SQL, script) looked for anywhere in a decoded, lower-cased path or
 * query, and the paths vulnerability scanners ask for, matched at the start of a path segment. Every pattern is
 * lower-case ASCII. Plain data: each user builds its own matcher from it once (the agent a first-character table, so
 * its hot path allocates nothing).
 */
public final class AttackPatterns {

    /**
     * One pattern and the list it belongs to ("traversal", "sql", "script" or "scanner"); our own text, safe to show.
     */
    public record Signature(String category, String pattern) {
        public Signature {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("pattern: empty (expected: at least one character)");
            }
        }
    }

    /** Injection shapes, in the order they are tried. */
    public static final List<Signature> INJECTION = List.of(
            // traversal (after decoding, so %2e%2e%2f, %252e and overlong forms are caught too)
            new Signature("traversal", "../"),
            new Signature("traversal", "..\\"),
            new Signature("traversal", "..;"),
            new Signature("traversal", "/etc/passwd"),
            new Signature("traversal", "/proc/self/"),
            new Signature("traversal", "c:\\windows"),
            new Signature("traversal", "\u0000"),
            // SQL
            new Signature("sql", "' or "),
            new Signature("sql", "'or'"),
            new Signature("sql", "' or'"),
            new Signature("sql", "\" or "),
            new Signature("sql", " or 1=1"),
            new Signature("sql", "'or 1=1"),
            new Signature("sql", "' and "),
            new Signature("sql", "union select"),
            new Signature("sql", "union all select"),
            new Signature("sql", "'--"),
            new Signature("sql", "' --"),
            new Signature("sql", "';"),
            new Signature("sql", "' ;"),
            new Signature("sql", "sleep("),
            new Signature("sql", "benchmark("),
            new Signature("sql", "waitfor delay"),
            new Signature("sql", "information_schema"),
            new Signature("sql", "drop table"),
            new Signature("sql", "xp_cmdshell"),
            // script
            new Signature("script", "<script"),
            new Signature("script", "</script"),
            new Signature("script", "javascript:"),
            new Signature("script", "vbscript:"),
            new Signature("script", "onerror="),
            new Signature("script", "onload="),
            new Signature("script", "<svg"),
            new Signature("script", "<iframe"),
            new Signature("script", "<img"),
            new Signature("script", "document.cookie"));

    /** Scanner paths: each starts with '/' and is matched at the start of a path segment, followed by anything. */
    public static final List<Signature> SCANNER = List.of(
            new Signature("scanner", "/.env"),
            new Signature("scanner", "/.git"),
            new Signature("scanner", "/.svn"),
            new Signature("scanner", "/.hg/"),
            new Signature("scanner", "/.aws"),
            new Signature("scanner", "/.ssh"),
            new Signature("scanner", "/.htaccess"),
            new Signature("scanner", "/.htpasswd"),
            new Signature("scanner", "/.ds_store"),
            new Signature("scanner", "/wp-admin"),
            new Signature("scanner", "/wp-login"),
            new Signature("scanner", "/wp-content"),
            new Signature("scanner", "/wp-includes"),
            new Signature("scanner", "/xmlrpc.php"),
            new Signature("scanner", "/phpmyadmin"),
            new Signature("scanner", "/phpinfo"),
            new Signature("scanner", "/pma/"),
            new Signature("scanner", "/myadmin"),
            new Signature("scanner", "/actuator"),
            new Signature("scanner", "/server-status"),
            new Signature("scanner", "/cgi-bin/"),
            new Signature("scanner", "/vendor/phpunit"),
            new Signature("scanner", "/config.php"),
            new Signature("scanner", "/manager/html"),
            new Signature("scanner", "/boaform"));

    /** A path ending in "/.." climbs without a trailing slash (checked at the end of a path only). */
    public static final Signature CLIMB = new Signature("traversal", "/..");

    private AttackPatterns() {}
}
