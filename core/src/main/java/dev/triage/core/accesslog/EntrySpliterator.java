package dev.triage.core.accesslog;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reads lines lazily (opening gzip on the first read when the magic bytes say so) and parses each into an entry. */
final class EntrySpliterator extends Spliterators.AbstractSpliterator<AlbLogEntry> implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final InputStream in;
    private final Consumer<? super AlbLogFormatException> onBadLine;
    private BufferedReader reader;
    private long lineNumber;

    EntrySpliterator(InputStream in, Consumer<? super AlbLogFormatException> onBadLine) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.in = in;
        this.onBadLine = onBadLine;
    }

    @Override
    public boolean tryAdvance(Consumer<? super AlbLogEntry> action) {
        try {
            String line;
            while ((line = reader().readLine()) != null) {
                lineNumber++;
                AlbLogEntry entry;
                try {
                    entry = EntryReader.read(line, lineNumber);
                } catch (AlbLogFormatException bad) {
                    onBadLine.accept(bad);
                    continue;
                }
                action.accept(entry);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("reading ALB access log after line " + lineNumber, e);
        }
    }

    private BufferedReader reader() throws IOException {
        if (reader == null) {
            var buffered = new BufferedInputStream(in, BUFFER_BYTES);
            InputStream decoded = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
            reader = new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), BUFFER_BYTES);
        }
        return reader;
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            } else {
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing ALB access log", e);
        }
    }
}
