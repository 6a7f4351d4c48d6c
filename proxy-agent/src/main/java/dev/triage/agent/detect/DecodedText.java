package dev.triage.agent.detect;

/**
 * A path or query as detectors read it: lower case, percent-decoding applied twice (so {@code %252e}
 * is a dot), overlong UTF-8 dots and slashes ({@code %c0%ae}, {@code %c0%af}) as plain ones, '+' as a
 * space in a query, runs of white space and SQL comments {@code /**}{@code /} as one space. Bounded:
 * only the first {@value #MAX_CHARS} characters are read. One instance per thread, reused, so reading
 * a request allocates nothing.
 */
final class DecodedText {

    static final int MAX_CHARS = 4096;

    private static final ThreadLocal<DecodedText> PER_THREAD = ThreadLocal.withInitial(DecodedText::new);

    private final char[] first = new char[MAX_CHARS];
    private final char[] chars = new char[MAX_CHARS];
    private int length;

    private DecodedText() {}

    /** This thread's buffer holding {@code raw} decoded; valid until the next call on this thread. */
    static DecodedText of(String raw, boolean query) {
        DecodedText text = PER_THREAD.get();
        text.decode(raw, query);
        return text;
    }

    int length() {
        return length;
    }

    char charAt(int i) {
        return chars[i];
    }

    /** Whether {@code pattern} (lower case) occurs at {@code at}. */
    boolean matchesAt(int at, String pattern) {
        int n = pattern.length();
        if (at + n > length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (chars[at + i] != pattern.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void decode(String raw, boolean query) {
        int limit = Math.min(raw.length(), MAX_CHARS);
        boolean encoded = false;
        boolean star = false;
        for (int i = 0; i < limit; i++) {
            char c = raw.charAt(i);
            encoded |= c == '%';
            star |= c == '*';
            first[i] = c;
        }
        int n = limit;
        if (encoded) {
            n = percentDecode(first, n);
            // a second round catches double encoding (%252e -> %2e -> .)
            n = percentDecode(first, n);
        }
        length = normalise(first, n, query, encoded || star);
    }

    /** Decodes %XX in place; returns the new length. Malformed escapes stay as they are. */
    private static int percentDecode(char[] buffer, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            char c = buffer[i];
            if (c == '%' && i + 2 < n && hex(buffer[i + 1]) >= 0 && hex(buffer[i + 2]) >= 0) {
                int value = hex(buffer[i + 1]) << 4 | hex(buffer[i + 2]);
                // overlong UTF-8 for '.', '/' and '\' (a classic traversal bypass)
                if ((value == 0xc0 || value == 0xc1)
                        && i + 5 < n
                        && buffer[i + 3] == '%'
                        && hex(buffer[i + 4]) >= 0
                        && hex(buffer[i + 5]) >= 0) {
                    int next = hex(buffer[i + 4]) << 4 | hex(buffer[i + 5]);
                    char overlong = overlong(value, next);
                    if (overlong != 0) {
                        buffer[out++] = overlong;
                        i += 5;
                        continue;
                    }
                }
                buffer[out++] = (char) value;
                i += 2;
            } else {
                buffer[out++] = c;
            }
        }
        return out;
    }

    private static char overlong(int lead, int trail) {
        int code = (lead & 0x1f) << 6 | (trail & 0x3f);
        return switch (code) {
            case '.', '/', '\\' -> (char) code;
            default -> 0;
        };
    }

    /** Lower case, '+' as space in a query, white space runs and SQL block comments as one space. */
    private int normalise(char[] source, int n, boolean query, boolean mayHaveComments) {
        int out = 0;
        boolean lastSpace = false;
        int lastCommentEnd = mayHaveComments ? lastCommentEnd(source, n) : -1;
        for (int i = 0; i < n; i++) {
            char c = source[i];
            if (c == '/' && i + 1 < n && source[i + 1] == '*' && i + 2 <= lastCommentEnd) {
                int close = indexOfCommentEnd(source, i + 2, n);
                if (close >= 0) {
                    i = close + 1;
                    c = ' ';
                }
            }
            if ((query && c == '+') || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c) {
                c = ' ';
                if (lastSpace) {
                    continue;
                }
                lastSpace = true;
            } else {
                lastSpace = false;
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            }
            chars[out++] = c;
        }
        return out;
    }

    /** Where the last "*" + "/" starts, or -1: an unclosed comment is then found in O(1), not O(n). */
    private static int lastCommentEnd(char[] source, int n) {
        for (int i = n - 2; i >= 0; i--) {
            if (source[i] == '*' && source[i + 1] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfCommentEnd(char[] source, int from, int n) {
        for (int i = from; i + 1 < n; i++) {
            if (source[i] == '*' && source[i + 1] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
