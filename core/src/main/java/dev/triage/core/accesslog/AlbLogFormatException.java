package dev.triage.core.accesslog;

import java.io.Serial;

/**
 * A line that does not follow the ALB access log format. The message names the line, the column and the field, and
 * says what was expected, e.g. {@code line 12, column 88, field elb_status_code: "2x0" (expected: a status code
 * 0..999 or -)}.
 */
public final class AlbLogFormatException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Line number used when the line was parsed on its own, outside a file. */
    public static final long UNKNOWN_LINE = 0;

    private final long lineNumber;
    private final int column;
    private final String field;
    private final transient String line;

    AlbLogFormatException(long lineNumber, int column, String field, String problem, String line) {
        super(describe(lineNumber, column, field, problem));
        this.lineNumber = lineNumber;
        this.column = column;
        this.field = field;
        this.line = line;
    }

    private static String describe(long lineNumber, int column, String field, String problem) {
        var where = new StringBuilder();
        if (lineNumber != UNKNOWN_LINE) {
            where.append("line ").append(lineNumber);
        }
        if (column > 0) {
            where.append(where.isEmpty() ? "column " : ", column ").append(column);
        }
        if (field != null) {
            where.append(where.isEmpty() ? "field " : ", field ").append(field);
        }
        return where.isEmpty() ? problem : where + ": " + problem;
    }

    /** 1-based line number in the file, or {@link #UNKNOWN_LINE} for a line parsed on its own. */
    public long lineNumber() {
        return lineNumber;
    }

    /** 1-based column where the problem starts, or 0 when it concerns the whole line. */
    public int column() {
        return column;
    }

    /** The AWS name of the field at fault (e.g. {@code elb_status_code}), or null when it concerns the whole line. */
    public String field() {
        return field;
    }

    /** The offending line as read (not part of the message, which stays short). */
    public String line() {
        return line;
    }
}
