package dev.triage.core.security;

import java.util.List;
import java.util.Locale;

/**
 * What attackers send, the same lists the agents' detectors use ({@link dev.triage.agent.api.detect.AttackPatterns}
 * in agent-api): injection shapes (path traversal, SQL, script) and the paths
 * vulnerability scanners ask for. Text is percent-decoded twice (so {@code %252e%252e%252f} is caught), bounded in
 * length, and compared in lower case.
 */
final class AttackPatterns {

    /** A match: which list, and the pattern found (our own text, safe to show). */
    record Match(String category, String pattern) {}

    static final int MAX_INSPECTED_CHARS = 4096;

    private static final List<Match> INJECTION = matches(dev.triage.agent.api.detect.AttackPatterns.INJECTION);

    /** Matched at the start of a path segment (each starts with '/'). */
    private static final List<Match> SCANNER = matches(dev.triage.agent.api.detect.AttackPatterns.SCANNER);

    private static final Match CLIMB = new Match(
            dev.triage.agent.api.detect.AttackPatterns.CLIMB.category(),
            dev.triage.agent.api.detect.AttackPatterns.CLIMB.pattern());

    private AttackPatterns() {}

    /** The first injection shape in the path or query, or null. */
    static Match injection(String path, String query) {
        String decodedPath = decode(path, false);
        Match found = first(INJECTION, decodedPath);
        if (found == null && decodedPath.endsWith(CLIMB.pattern())) {
            found = CLIMB;
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

    private static List<Match> matches(List<dev.triage.agent.api.detect.AttackPatterns.Signature> signatures) {
        return signatures.stream()
                .map(s -> new Match(s.category(), s.pattern()))
                .toList();
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
