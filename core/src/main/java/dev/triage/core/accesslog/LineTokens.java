package dev.triage.core.accesslog;

import java.util.Arrays;

/**
 * Splits one access log line into its space-delimited fields. A field that starts with a double quote runs to the
 * next unescaped double quote; inside it {@code \"} stands for a quote and {@code \\} for a backslash (any other
 * backslash is kept as written). Remembers where each field starts so that later errors can point at it.
 */
final class LineTokens {

    private final String line;
    private final long lineNumber;
    private String[] values = new String[40];
    private int[] columns = new int[40];
    private int count;

    private LineTokens(String line, long lineNumber) {
        this.line = line;
        this.lineNumber = lineNumber;
    }

    static LineTokens split(String line, long lineNumber) {
        var tokens = new LineTokens(line, lineNumber);
        tokens.split();
        return tokens;
    }

    int count() {
        return count;
    }

    String value(int index) {
        return values[index];
    }

    /** 1-based column where the field at {@code index} starts. */
    int column(int index) {
        return columns[index];
    }

    String line() {
        return line;
    }

    long lineNumber() {
        return lineNumber;
    }

    AlbLogFormatException error(int index, String problem) {
        return new AlbLogFormatException(lineNumber, columns[index], AlbField.nameAt(index), problem, line);
    }

    private void split() {
        int end = line.length();
        if (end == 0) {
            throw new AlbLogFormatException(
                    lineNumber,
                    0,
                    null,
                    "empty line (expected: at least " + AlbField.REQUIRED_COUNT + " space-delimited fields)",
                    line);
        }
        int i = 0;
        while (i < end) {
            int start = i;
            String value;
            if (line.charAt(i) == '"') {
                i = quotedEnd(start);
                value = unescape(start + 1, i - 1);
                if (i < end && line.charAt(i) != ' ') {
                    throw new AlbLogFormatException(
                            lineNumber,
                            i + 1,
                            AlbField.nameAt(count),
                            "'" + line.charAt(i) + "' after the closing quote (expected: a space)",
                            line);
                }
            } else {
                int space = line.indexOf(' ', i);
                i = space < 0 ? end : space;
                if (i == start) {
                    throw new AlbLogFormatException(
                            lineNumber,
                            start + 1,
                            AlbField.nameAt(count),
                            "empty value (expected: one space between fields)",
                            line);
                }
                value = line.substring(start, i);
            }
            add(value, start + 1);
            i++; // the space
        }
    }

    /** Index just past the closing quote of the quoted field starting at {@code start}. */
    private int quotedEnd(int start) {
        int end = line.length();
        for (int i = start + 1; i < end; i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new AlbLogFormatException(
                lineNumber,
                start + 1,
                AlbField.nameAt(count),
                "unterminated quoted value (expected: a closing '\"' before the end of the line)",
                line);
    }

    private String unescape(int from, int to) {
        int backslash = line.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return line.substring(from, to);
        }
        var sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char next = line.charAt(i + 1);
                if (next == '"' || next == '\\') {
                    sb.append(next);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private void add(String value, int column) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
            columns = Arrays.copyOf(columns, count * 2);
        }
        values[count] = value;
        columns[count] = column;
        count++;
    }
}
