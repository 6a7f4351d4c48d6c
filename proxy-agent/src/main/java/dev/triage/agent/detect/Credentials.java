package dev.triage.agent.detect;

import dev.triage.agent.http.Headers;

/**
 * The shape of a request's Authorization header, checked without allocating: absent, well formed, or
 * malformed (with a reason that never includes the value). Basic must be base64 of "user:password"
 * with a non-empty user (as the gate checks it); Bearer a non-empty token68; other schemes need
 * parameters. The password is not checked: only the upstream can.
 */
final class Credentials {

    /** The outcome: {@link #PRESENT}, {@link #ABSENT}, or a malformation. */
    enum Shape {
        PRESENT(null),
        ABSENT("no Authorization header"),
        DUPLICATED("Authorization given more than once"),
        EMPTY("Authorization without credentials"),
        BASIC_NOT_BASE64("Authorization: Basic, not base64"),
        BASIC_NO_COLON("Authorization: Basic, not user:password"),
        BASIC_EMPTY_USER("Authorization: Basic, empty user"),
        BEARER_MALFORMED("Authorization: Bearer, not a token");

        /** What the evidence says, never the credential. */
        final String evidence;

        Shape(String evidence) {
            this.evidence = evidence;
        }

        boolean malformed() {
            return this != PRESENT && this != ABSENT;
        }
    }

    private Credentials() {}

    static Shape of(Headers headers) {
        String authorization = null;
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase("authorization")) {
                if (authorization != null) {
                    return Shape.DUPLICATED;
                }
                authorization = field.value();
            }
        }
        return authorization == null ? Shape.ABSENT : shape(authorization);
    }

    static Shape shape(String value) {
        int start = skipSpaces(value, 0);
        int end = value.length();
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return Shape.EMPTY;
        }
        int space = start;
        while (space < end && !isSpace(value.charAt(space))) {
            space++;
        }
        int param = skipSpaces(value, space);
        int schemeLength = space - start;
        if (schemeLength == 5 && value.regionMatches(true, start, "Basic", 0, 5)) {
            return param >= end ? Shape.EMPTY : basic(value, param, end);
        }
        if (schemeLength == 6 && value.regionMatches(true, start, "Bearer", 0, 6)) {
            return param >= end ? Shape.EMPTY : bearer(value, param, end);
        }
        return param >= end ? Shape.EMPTY : Shape.PRESENT;
    }

    /** Decodes base64 on the fly, looking for the first ':' and whether it comes first. */
    private static Shape basic(String value, int from, int to) {
        int bits = 0;
        int bitCount = 0;
        int decoded = 0;
        int colonAt = -1;
        int padding = 0;
        int symbols = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == '=') {
                padding++;
                continue;
            }
            if (padding > 0) {
                return Shape.BASIC_NOT_BASE64;
            }
            int sextet = sextet(c);
            if (sextet < 0) {
                return Shape.BASIC_NOT_BASE64;
            }
            symbols++;
            bits = (bits << 6) | sextet;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                int octet = (bits >> bitCount) & 0xff;
                if (octet == ':' && colonAt < 0) {
                    colonAt = decoded;
                }
                decoded++;
            }
        }
        if (symbols % 4 == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) {
            return Shape.BASIC_NOT_BASE64;
        }
        if (colonAt < 0) {
            return Shape.BASIC_NO_COLON;
        }
        return colonAt == 0 ? Shape.BASIC_EMPTY_USER : Shape.PRESENT;
    }

    /** RFC 9110 token68: letters, digits, - . _ ~ + / then optional '='. */
    private static Shape bearer(String value, int from, int to) {
        int i = from;
        while (i < to) {
            char c = value.charAt(i);
            boolean tokenChar = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!tokenChar) {
                break;
            }
            i++;
        }
        if (i == from) {
            return Shape.BEARER_MALFORMED;
        }
        while (i < to && value.charAt(i) == '=') {
            i++;
        }
        return i == to ? Shape.PRESENT : Shape.BEARER_MALFORMED;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        return c == '/' ? 63 : -1;
    }

    private static int skipSpaces(String value, int from) {
        int i = from;
        while (i < value.length() && isSpace(value.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
