package dev.triage.agent.route;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An ALB wildcard pattern compiled once: {@code *} matches zero or more characters ('/' included),
 * {@code ?} exactly one; a backslash makes the next character literal. Matching is a linear scan
 * with backtracking to the last star (no regex), with exact and prefix fast paths.
 */
final class Glob {

    private static final int STAR = -1;
    private static final int ONE = -2;

    private enum Kind {
        EXACT,
        PREFIX,
        GENERAL
    }

    private final String source;
    private final boolean ignoreCase;
    private final Kind kind;
    /** The literal text for EXACT and PREFIX (lower-cased when ignoring case). */
    private final String literal;
    /** Characters, or STAR / ONE, for GENERAL. */
    private final int[] tokens;

    private Glob(String source, boolean ignoreCase, Kind kind, String literal, int[] tokens) {
        this.source = source;
        this.ignoreCase = ignoreCase;
        this.kind = kind;
        this.literal = literal;
        this.tokens = tokens;
    }

    static Glob caseSensitive(String pattern) {
        return compile(pattern, false);
    }

    static Glob ignoringCase(String pattern) {
        return compile(pattern, true);
    }

    private static Glob compile(String pattern, boolean ignoreCase) {
        requireNonNull(pattern, "pattern");
        int[] tokens = new int[pattern.length()];
        int count = 0;
        int stars = 0;
        int ones = 0;
        StringBuilder literal = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char next = pattern.charAt(++i);
                tokens[count++] = fold(next, ignoreCase);
                literal.append(fold(next, ignoreCase));
            } else if (c == '*') {
                if (count > 0 && tokens[count - 1] == STAR) {
                    continue; // "**" is "*"
                }
                tokens[count++] = STAR;
                stars++;
            } else if (c == '?') {
                tokens[count++] = ONE;
                ones++;
            } else {
                tokens[count++] = fold(c, ignoreCase);
                literal.append(fold(c, ignoreCase));
            }
        }
        int[] compact = Arrays.copyOf(tokens, count);
        if (stars == 0 && ones == 0) {
            return new Glob(pattern, ignoreCase, Kind.EXACT, literal.toString(), null);
        }
        if (stars == 1 && ones == 0 && compact[count - 1] == STAR) {
            return new Glob(pattern, ignoreCase, Kind.PREFIX, literal.toString(), null);
        }
        return new Glob(pattern, ignoreCase, Kind.GENERAL, null, compact);
    }

    boolean matches(String text) {
        return switch (kind) {
            case EXACT ->
                ignoreCase
                        ? text.length() == literal.length() && text.regionMatches(true, 0, literal, 0, literal.length())
                        : text.equals(literal);
            case PREFIX -> text.regionMatches(ignoreCase, 0, literal, 0, literal.length());
            case GENERAL -> matchesGeneral(text);
        };
    }

    private boolean matchesGeneral(String text) {
        int[] pattern = tokens;
        int p = 0;
        int t = 0;
        int starAt = -1;
        int resumeAt = 0;
        int n = text.length();
        while (t < n) {
            if (p < pattern.length && pattern[p] != STAR && (pattern[p] == ONE || pattern[p] == at(text, t))) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                starAt = p++;
                resumeAt = t;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }

    private int at(String text, int index) {
        return fold(text.charAt(index), ignoreCase);
    }

    private static char fold(char c, boolean ignoreCase) {
        if (!ignoreCase) {
            return c;
        }
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    @Override
    public String toString() {
        return ignoreCase ? source + " (any case)" : source;
    }
}
