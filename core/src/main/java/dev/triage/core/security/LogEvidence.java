package dev.triage.core.security;

import dev.triage.core.accesslog.AlbLogEntry;

/**
 * A short sample of a logged request that is safe to show: method, path, the query's parameter names with every value
 * masked (a value may be a secret or a patient's name), the status, the route and the user agent; only printable
 * ASCII, bounded in length.
 */
final class LogEvidence {

    static final String MASK = "***";
    static final int MAX_PATH_CHARS = 160;
    static final int MAX_QUERY_CHARS = 120;
    static final int MAX_AGENT_CHARS = 60;
    static final int MAX_CHARS = 300;

    private LogEvidence() {}

    static String of(AlbLogEntry entry, String note) {
        StringBuilder out = new StringBuilder(96);
        appendSafe(out, entry.method() == null ? "-" : entry.method(), 16);
        out.append(' ');
        appendSafe(out, path(entry), MAX_PATH_CHARS);
        String query = maskedQuery(entry.query());
        if (query != null) {
            out.append('?');
            appendSafe(out, query, MAX_QUERY_CHARS);
        }
        out.append(" -> ").append(entry.elbStatusCode() == null ? "-" : entry.elbStatusCode());
        out.append(" (").append(route(entry));
        if (entry.userAgent() != null) {
            out.append("; ");
            appendSafe(out, entry.userAgent(), MAX_AGENT_CHARS);
        }
        out.append(')');
        if (note != null) {
            out.append(": ");
            appendSafe(out, note, MAX_CHARS);
        }
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS - 3);
            out.append("...");
        }
        return out.toString();
    }

    /** The path, bounded and printable ("/" when the URL has none). */
    static String path(AlbLogEntry entry) {
        String path = entry.path();
        if (path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        appendSafe(out, path, MAX_PATH_CHARS);
        return out.toString();
    }

    /** The rule that handled it, in words. */
    static String route(AlbLogEntry entry) {
        Integer priority = entry.matchedRulePriority();
        if (priority == null) {
            return "no rule";
        }
        if (entry.matchedDefaultRule()) {
            return "default rule";
        }
        if (entry.ruleEvaluationFailed()) {
            return "rule evaluation error";
        }
        return "rule " + priority;
    }

    /** {@code a=***&b=***}: parameter names kept, every value masked; null when there is no query. */
    static String maskedQuery(String query) {
        if (query == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start <= query.length() && out.length() <= MAX_QUERY_CHARS) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            String part = query.substring(start, end);
            int eq = part.indexOf('=');
            if (eq >= 0) {
                out.append(part, 0, eq).append('=').append(MASK);
            } else if (!part.isEmpty()) {
                out.append(MASK);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        return out.toString();
    }

    private static void appendSafe(StringBuilder out, String text, int max) {
        int limit = Math.min(text.length(), max);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > limit) {
            out.append("...");
        }
    }
}
