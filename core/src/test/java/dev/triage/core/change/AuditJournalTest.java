package dev.triage.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.domain.AuditEntry.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {

    @TempDir
    Path dir;

    static JournalEntry entry(String id, JournalEntry.Phase phase, Outcome outcome) {
        Map<String, Integer> before = new LinkedHashMap<>();
        before.put("tg/legacy", 100);
        before.put("tg/replacement", 0);
        Map<String, Integer> after = new LinkedHashMap<>();
        after.put("tg/legacy", 90);
        after.put("tg/replacement", 10);
        RuleWeights was = new RuleWeights("rule/1", "listener/1", "10", before);
        RuleWeights now = new RuleWeights("rule/1", "listener/1", "10", after);
        return new JournalEntry(
                id,
                phase,
                Instant.parse("2026-11-22T10:00:00Z"),
                "ops@example",
                "canary \"10%\"\nsecond line\\ \u0001 é",
                "plan-" + id,
                "shift weights of rule 10",
                List.of("ModifyRule: rule 10 forward to legacy 90, replacement 10"),
                List.of(was),
                List.of(now),
                phase == JournalEntry.Phase.FINAL ? List.of(now) : List.of(),
                List.of(was),
                outcome,
                outcome == null ? null : "read back as planned");
    }

    @Test
    void entriesSurviveAReopenExactly() {
        Path file = dir.resolve("audit.jsonl");
        JournalEntry intent = entry("e1", JournalEntry.Phase.INTENT, null);
        JournalEntry last = entry("e1", JournalEntry.Phase.FINAL, Outcome.VERIFIED);
        new AuditJournal(file).append(intent);
        new AuditJournal(file).append(last);

        AuditJournal reopened = new AuditJournal(file);
        assertThat(reopened.entries()).containsExactly(intent, last);
        assertThat(reopened.last()).contains(last);
        assertThat(reopened.finalEntry("e1")).isEqualTo(last);
        assertThat(reopened.read().skipped()).isEmpty();
    }

    @Test
    void anEmptyOrMissingJournalHasNoEntries() {
        AuditJournal journal = new AuditJournal(dir.resolve("none.jsonl"));
        assertThat(journal.entries()).isEmpty();
        assertThat(journal.last()).isEmpty();
    }

    @Test
    void aTornLastLineIsSkippedAndReportedAndTheNextAppendStartsAFreshLine() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditJournal journal = new AuditJournal(file);
        JournalEntry first = entry("e1", JournalEntry.Phase.FINAL, Outcome.VERIFIED);
        journal.append(first);
        String whole = entry("e2", JournalEntry.Phase.INTENT, null).toJson();
        Files.writeString(
                file, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        AuditJournal.Read read = journal.read();
        assertThat(read.entries()).containsExactly(first);
        assertThat(read.skipped()).singleElement().asString().startsWith("line 2: ");

        JournalEntry next = entry("e3", JournalEntry.Phase.FINAL, Outcome.UNVERIFIED);
        journal.append(next);
        assertThat(journal.entries()).containsExactly(first, next);
        assertThat(journal.read().skipped()).hasSize(1);
    }

    @Test
    void everyAppendIsForcedToDiskBeforeItReturns() {
        Path file = dir.resolve("audit.jsonl");
        List<Long> sizesWhenForced = new ArrayList<>();
        AuditJournal journal = new AuditJournal(file, channel -> sizesWhenForced.add(channel.size()));

        journal.append(entry("e1", JournalEntry.Phase.INTENT, null));
        journal.append(entry("e1", JournalEntry.Phase.FINAL, Outcome.VERIFIED));

        assertThat(sizesWhenForced).hasSize(2);
        assertThat(sizesWhenForced.get(1)).isGreaterThan(sizesWhenForced.get(0));
        assertThat(file).hasSize(sizesWhenForced.get(1));
    }

    @Test
    void oneEntryPerLine() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditJournal journal = new AuditJournal(file);
        journal.append(entry("e1", JournalEntry.Phase.INTENT, null));
        journal.append(entry("e1", JournalEntry.Phase.FINAL, Outcome.VERIFIED));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).startsWith("{\"id\":\"e1\",\"phase\":\"INTENT\"");
    }
}
