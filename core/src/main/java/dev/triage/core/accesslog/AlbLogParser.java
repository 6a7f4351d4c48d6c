package dev.triage.core.accesslog;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads Application Load Balancer access logs in the format AWS documents: one entry per line, fields separated by
 * single spaces, some fields in double quotes (with {@code \"} and {@code \\} escapes). Fields AWS adds at the end of
 * the line in the future are kept in {@link AlbLogEntry#extraFields()} rather than rejected, as AWS asks.
 *
 * <p>Nothing is skipped silently: a line that does not parse either stops the stream with an {@link
 * AlbLogFormatException} or is handed to the caller's {@code onBadLine} callback.
 */
public final class AlbLogParser {

    private AlbLogParser() {}

    /**
     * Parses one line (a trailing carriage return is ignored).
     *
     * @throws AlbLogFormatException naming the column and field when the line is not an ALB access log entry
     */
    public static AlbLogEntry parseLine(String line) {
        return EntryReader.read(requireNonNull(line, "line"), AlbLogFormatException.UNKNOWN_LINE);
    }

    /**
     * Streams the entries of a log file, gzip-compressed (as ALB writes them to S3; detected by its magic bytes,
     * concatenated members included) or plain UTF-8 text. Reading is lazy: nothing is read until the stream is
     * consumed. The first bad line ends the stream with an {@link AlbLogFormatException} that carries its line number.
     * Closing the stream closes {@code in}; an I/O error surfaces as {@link java.io.UncheckedIOException}.
     */
    public static Stream<AlbLogEntry> parse(InputStream in) {
        return parse(in, bad -> {
            throw bad;
        });
    }

    /**
     * Like {@link #parse(InputStream)}, but a bad line is handed to {@code onBadLine} and reading goes on with the
     * next line. A callback that throws ends the stream with its exception.
     */
    public static Stream<AlbLogEntry> parse(InputStream in, Consumer<? super AlbLogFormatException> onBadLine) {
        requireNonNull(in, "in");
        requireNonNull(onBadLine, "onBadLine");
        var entries = new EntrySpliterator(in, onBadLine);
        return StreamSupport.stream(entries, false).onClose(entries::close);
    }

    /**
     * True when the entry's {@link AlbLogEntry#time() time} (when the load balancer answered) lies in {@code [from,
     * to)}: from inclusive, to exclusive, so consecutive ranges never count an entry twice.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public static boolean inRange(AlbLogEntry entry, Instant from, Instant to) {
        requireNonNull(entry, "entry");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from: " + from + " (expected: not after to " + to + ")");
        }
        Instant time = entry.time();
        return !time.isBefore(from) && time.isBefore(to);
    }
}
