package dev.triage.core.accesslog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlbLogStreamTest {

    private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");
    private static final int MANY = 5_000;

    /** Line i answers at START + i seconds for /items/i, from client port 1000 + i. */
    private static String line(int i) {
        Instant time = START.plusSeconds(i);
        return AwsDocExamples.HTTP
                .replace("2018-07-02T22:23:00.186641Z", time.toString())
                .replace("2018-07-02T22:22:48.364000Z", time.minusMillis(5).toString())
                .replace("192.168.131.39:2817", "192.168.131.39:" + (1000 + i))
                .replace("http://www.example.com:80/ ", "http://www.example.com:80/items/" + i + " ");
    }

    private static String manyLines() {
        var text = new StringBuilder();
        for (int i = 0; i < MANY; i++) {
            text.append(line(i)).append('\n');
        }
        return text.toString();
    }

    private static byte[] gzip(String text) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void readsAGzipFileWithManyLinesInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.50dc6c495c0c9188"
                + "_20261122T0900Z_10.0.0.5_abcd1234.log.gz");
        Files.write(file, gzip(manyLines()));

        List<AlbLogEntry> entries;
        try (var stream = AlbLogParser.parse(Files.newInputStream(file))) {
            entries = stream.toList();
        }

        assertThat(entries).hasSize(MANY);
        for (int i : new int[] {0, 1, 2_500, MANY - 1}) {
            assertThat(entries.get(i).time()).isEqualTo(START.plusSeconds(i));
            assertThat(entries.get(i).path()).isEqualTo("/items/" + i);
            assertThat(entries.get(i).client().port()).isEqualTo(1000 + i);
        }
    }

    @Test
    void inRangeKeepsTheEntriesOfAHalfOpenWindow() throws IOException {
        Instant from = START.plus(Duration.ofMinutes(10));
        Instant to = START.plus(Duration.ofMinutes(20));

        List<AlbLogEntry> window;
        try (var stream = AlbLogParser.parse(new ByteArrayInputStream(gzip(manyLines())))) {
            window = stream.filter(e -> AlbLogParser.inRange(e, from, to)).toList();
        }

        assertThat(window).hasSize(600);
        assertThat(window.getFirst().time()).isEqualTo(from);
        assertThat(window.getLast().time()).isEqualTo(to.minusSeconds(1));
    }

    @Test
    void readsConcatenatedGzipMembers() throws IOException {
        var both = new ByteArrayOutputStream();
        both.write(gzip(line(0) + "\n" + line(1) + "\n"));
        both.write(gzip(line(2) + "\n"));

        try (var stream = AlbLogParser.parse(new ByteArrayInputStream(both.toByteArray()))) {
            assertThat(stream.map(AlbLogEntry::path)).containsExactly("/items/0", "/items/1", "/items/2");
        }
    }

    @Test
    void readsPlainTextWithCrLfLineEnds() throws IOException {
        var text = line(0) + "\r\n" + line(1) + "\r\n";

        try (var stream = AlbLogParser.parse(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            assertThat(stream.map(AlbLogEntry::connTraceId))
                    .containsExactly("TID_1234abcd5678ef90", "TID_1234abcd5678ef90");
        }
    }

    @Test
    void theDocumentationExamplesFileParsesLineByLine() throws IOException {
        try (var in = getClass().getResourceAsStream("/accesslog/aws-docs-examples.log");
                var stream = AlbLogParser.parse(in)) {
            assertThat(stream.toList())
                    .containsExactlyElementsOf(Arrays.stream(AwsDocExamples.FROM_DOCS)
                            .map(AlbLogParser::parseLine)
                            .toList());
        }
    }

    @Test
    void badLinesGoToTheCallbackWithTheirLineNumbersAndReadingGoesOn() throws IOException {
        String unterminated = line(1).replace("\"curl/7.46.0\"", "\"curl/7.46.0");
        String text = String.join("\n", line(0), unterminated, line(2), "", line(4)) + "\n";
        var bad = new ArrayList<AlbLogFormatException>();

        List<AlbLogEntry> entries;
        try (var stream = AlbLogParser.parse(new ByteArrayInputStream(gzip(text)), bad::add)) {
            entries = stream.toList();
        }

        assertThat(entries).extracting(AlbLogEntry::path).containsExactly("/items/0", "/items/2", "/items/4");
        assertThat(bad).extracting(AlbLogFormatException::lineNumber).containsExactly(2L, 4L);
        assertThat(bad.getFirst().field()).isEqualTo("user_agent");
        assertThat(bad.getFirst()).hasMessageStartingWith("line 2, column ");
        assertThat(bad.getFirst().line()).isEqualTo(unterminated);
        assertThat(bad.get(1)).hasMessageStartingWith("line 4: empty line");
    }

    @Test
    void withoutACallbackTheFirstBadLineEndsTheStream() {
        String text = String.join("\n", line(0), line(1), line(2).replace(" 200 200 ", " 200 OK "), line(3));
        var seen = new ArrayList<AlbLogEntry>();

        var e = catchThrowableOfType(AlbLogFormatException.class, () -> {
            try (var stream = AlbLogParser.parse(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
                stream.forEach(seen::add);
            }
        });

        assertThat(seen).hasSize(2);
        assertThat(e.lineNumber()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("target_status_code");
        assertThat(e).hasMessageStartingWith("line 3, column ");
    }

    @Test
    void readsNothingUntilConsumedAndOnlyWhatItNeeds() throws IOException {
        byte[] bytes = manyLines().getBytes(UTF_8);
        var in = new CountingInputStream(new ByteArrayInputStream(bytes));

        try (var stream = AlbLogParser.parse(in)) {
            assertThat(in.bytesRead).isZero();
            assertThat(stream.findFirst()).map(AlbLogEntry::path).contains("/items/0");
        }

        assertThat(in.bytesRead).isPositive().isLessThan(bytes.length / 4);
        assertThat(in.closed).isTrue();
    }

    @Test
    void closingAnUnreadStreamClosesTheInput() {
        var in = new CountingInputStream(new ByteArrayInputStream(new byte[0]));

        AlbLogParser.parse(in).close();

        assertThat(in.closed).isTrue();
    }

    @Test
    void aCorruptGzipFileIsAnIoErrorNotABadLine() throws IOException {
        byte[] bytes = gzip(manyLines());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        var bad = new ArrayList<AlbLogFormatException>();

        var e = catchThrowableOfType(UncheckedIOException.class, () -> {
            try (var stream = AlbLogParser.parse(new ByteArrayInputStream(truncated), bad::add)) {
                stream.forEach(entry -> {});
            }
        });

        assertThat(e).hasMessageStartingWith("reading ALB access log after line ");
        assertThat(bad)
                .as("a truncated last line is not reported as a format error")
                .isEmpty();
    }

    @Test
    void anEmptyInputHasNoEntries() {
        try (var stream = AlbLogParser.parse(new ByteArrayInputStream(new byte[0]))) {
            assertThat(stream).isEmpty();
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long bytesRead;
        boolean closed;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
