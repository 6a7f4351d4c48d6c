package dev.triage.agent.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding and path normalisation, lenient: malformed escapes stay as they are. */
final class UrlText {

    private UrlText() {}

    /** Decodes a query key or value: {@code +} is a space, {@code %XX} a UTF-8 byte. */
    static String decodeQueryComponent(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int decoded = c == '%' ? escapedByte(text, i) : -1;
            if (decoded >= 0) {
                out.write(decoded);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The path a rule is matched against: escapes of unreserved characters decoded and dot segments
     * removed (RFC 3986 6.2.2), so "/%6Eotes" or "/a/../notes" cannot slip past a rule for "/notes"
     * while the upstream serves them as "/notes". Reserved escapes such as %2F stay encoded.
     */
    static String normalizePath(String path) {
        String decoded = path.indexOf('%') < 0 ? path : decodeUnreserved(path);
        return decoded.contains("/.") ? removeDotSegments(decoded) : decoded;
    }

    private static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            int decoded = c == '%' ? escapedByte(path, i) : -1;
            if (decoded >= 0 && isUnreserved(decoded)) {
                out.append((char) decoded);
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** RFC 3986 5.2.4. */
    private static String removeDotSegments(String path) {
        String input = path;
        StringBuilder output = new StringBuilder(path.length());
        while (!input.isEmpty()) {
            if (input.startsWith("../")) {
                input = input.substring(3);
            } else if (input.startsWith("./")) {
                input = input.substring(2);
            } else if (input.startsWith("/./")) {
                input = input.substring(2);
            } else if (input.equals("/.")) {
                input = "/";
            } else if (input.startsWith("/../")) {
                input = input.substring(3);
                dropLastSegment(output);
            } else if (input.equals("/..")) {
                input = "/";
                dropLastSegment(output);
            } else if (input.equals(".") || input.equals("..")) {
                input = "";
            } else {
                int next = input.indexOf('/', input.startsWith("/") ? 1 : 0);
                int end = next < 0 ? input.length() : next;
                output.append(input, 0, end);
                input = input.substring(end);
            }
        }
        return output.toString();
    }

    private static void dropLastSegment(StringBuilder output) {
        int slash = output.lastIndexOf("/");
        output.setLength(Math.max(slash, 0));
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    /** The byte a "%XX" at {@code index} stands for, or -1 when it is not a valid escape. */
    private static int escapedByte(String text, int index) {
        if (index + 2 >= text.length()) {
            return -1;
        }
        int high = hex(text.charAt(index + 1));
        int low = hex(text.charAt(index + 2));
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
