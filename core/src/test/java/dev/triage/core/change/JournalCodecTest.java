package dev.triage.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.AuditEntry.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCodecTest {

    private static final String FIRST_CODEC = "journal-written-by-the-first-codec.jsonl";

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFieldIncludingEscapesOnOneLine() {
        JournalEntry entry = AuditJournalTest.entry("e1", JournalEntry.Phase.FINAL, Outcome.VERIFIED);

        String line = JournalCodec.write(entry);

        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0001");
        assertThat(line).contains("\\n").contains("é");
        assertThat(JournalCodec.read(line)).isEqualTo(entry);
    }

    @Test
    void keepsTheFieldNamesAndOrderOfTheFirstCodec() throws IOException {
        List<String> lines = firstCodecLines();
        for (String line : lines) {
            assertThat(JournalCodec.write(JournalCodec.read(line))).isEqualTo(line);
        }
    }

    @Test
    void readsAJournalTheFirstCodecWrote() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        Files.write(file, firstCodecLines());

        AuditJournal.Read read = new AuditJournal(file).read();

        assertThat(read.skipped()).isEmpty();
        assertThat(read.entries()).hasSize(2);
        JournalEntry intent = read.entries().getFirst();
        assertThat(intent.phase()).isEqualTo(JournalEntry.Phase.INTENT);
        assertThat(intent.outcome()).isNull();
        assertThat(intent.reason()).isEqualTo("canary \"10%\"\nline\\ \u0001 é");
        assertThat(intent.inverse().getFirst().weights().values()).containsExactly(100, 0);
        JournalEntry last = read.entries().getLast();
        assertThat(last.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(last.time()).isEqualTo(Instant.parse("2026-11-22T10:00:01.250Z"));
        assertThat(last.after().getFirst().weights().values()).containsExactly(90, 10);
        assertThat(last.undoable()).isTrue();
    }

    @Test
    void rejectsTruncatedTrailingOrMistypedLinesWithAReason() {
        String whole = JournalCodec.write(AuditJournalTest.entry("e1", JournalEntry.Phase.INTENT, null));

        assertThatThrownBy(() -> JournalCodec.read(whole.substring(0, whole.length() - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> JournalCodec.read(whole + " x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCodec.read("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCodec.read("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JournalCodec.read(whole.replace("\"id\":\"e1\"", "\"id\":7")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id: 7 (expected: a string)");
        assertThatThrownBy(() -> JournalCodec.read(whole.replace(":100", ":1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(expected: an integer)");
    }

    private static List<String> firstCodecLines() throws IOException {
        try (InputStream in = JournalCodecTest.class.getResourceAsStream(FIRST_CODEC)) {
            assertThat(in).as(FIRST_CODEC).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
