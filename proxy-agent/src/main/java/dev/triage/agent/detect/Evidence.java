package dev.triage.agent.detect;

import dev.triage.agent.api.SecurityEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A short, safe sample of a request for an event: method, path and query, with the values of query
 * parameters that look secret (password, token, key ...) replaced by {@code ***}, characters outside
 * printable ASCII replaced by '?', bounded in length. Headers are never copied: callers describe them
 * in words ("no Authorization header", "X-CDN-Secret absent"), never by value.
 */
final class Evidence {

    static final String MASK = "***";
    static final int MAX_TARGET_CHARS = 200;

    /** Query keys (lower case, decoded) whose values are masked when they contain one of these. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "pass", "pwd", "secret", "token", "key", "auth", "session", "sig", "credential", "cdn", "otp", "pin");

    private Evidence() {}

    /** {@code METHOD target (note)}, masked and bounded to {@link SecurityEvent#MAX_EVIDENCE_CHARS}. */
    static String of(String method, String path, String query, String note) {
        StringBuilder out = new StringBuilder(64);
        appendSafe(out, method, 16);
        out.append(' ');
        appendSafe(out, path, MAX_TARGET_CHARS);
        if (query != null) {
            out.append('?');
            appendMaskedQuery(out, query);
        }
        if (out.length() > MAX_TARGET_CHARS) {
            out.setLength(MAX_TARGET_CHARS - 3);
            out.append("...");
        }
        if (note != null && !note.isEmpty()) {
            out.append(" (");
            appendSafe(out, note, SecurityEvent.MAX_EVIDENCE_CHARS - out.length() - 1);
            out.append(')');
        }
        if (out.length() > SecurityEvent.MAX_EVIDENCE_CHARS) {
            out.setLength(SecurityEvent.MAX_EVIDENCE_CHARS);
        }
        return out.toString();
    }

    private static void appendMaskedQuery(StringBuilder out, String query) {
        int start = 0;
        int n = query.length();
        while (start <= n && out.length() <= MAX_TARGET_CHARS) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            String part = query.substring(start, end);
            int eq = part.indexOf('=');
            if (eq >= 0 && isSecretKey(part.substring(0, eq))) {
                appendSafe(out, part.substring(0, eq), MAX_TARGET_CHARS);
                out.append('=').append(MASK);
            } else {
                appendSafe(out, part, MAX_TARGET_CHARS);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
    }

    static boolean isSecretKey(String rawKey) {
        String key;
        try {
            key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            key = rawKey.toLowerCase(Locale.ROOT);
        }
        for (String word : SECRET_WORDS) {
            if (key.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static void appendSafe(StringBuilder out, String text, int max) {
        int limit = Math.min(text.length(), Math.max(0, max));
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > limit) {
            out.append("...");
        }
    }
}
