package dev.triage.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.WeightedTargetGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void keepsWholeRulesAndListenersWithEveryConditionAndActionForChangesOtherThanShifts() {
        String listener = "arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/a/1/2";
        Rule rule = new Rule(
                listener.replace(":listener/", ":listener-rule/") + "/3",
                listener,
                RulePriority.of(7),
                List.of(
                        HostHeader.of("api.example.com"),
                        PathPattern.of("/notes/*"),
                        new HttpHeader("X-Cdn-Secret", List.of("s3cret")),
                        HttpRequestMethod.of("POST"),
                        new QueryString(List.of(new QueryString.KeyValue(null, "x")))),
                List.of(new Forward(
                        List.of(new WeightedTargetGroup("tg/a", 3), new WeightedTargetGroup("tg/b", 0)),
                        Duration.ofSeconds(60))));
        Rule block = new Rule(
                "new:" + listener + "/priority/1",
                listener,
                RulePriority.of(1),
                List.of(SourceIp.of("203.0.113.7/32", "2001:db8::/32")),
                List.of(new FixedResponse(403, "text/plain", "Forbidden \"é\"\n")));
        Rule fallback = new Rule(
                listener + "/default",
                listener,
                RulePriority.DEFAULT,
                List.of(),
                List.of(new Redirect("HTTPS", "#{host}", "443", "/#{path}", "", 302)));
        Listener https = new Listener(
                listener.replace("/2", "/9"),
                "lb",
                Protocol.HTTPS,
                443,
                List.of("cert/a", "cert/b"),
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                List.of(new FixedResponse(404, null, null)));
        JournalEntry entry = new JournalEntry(
                "e9",
                JournalEntry.Phase.FINAL,
                Instant.parse("2026-11-22T10:00:00Z"),
                "ops",
                "",
                "plan-9",
                "several",
                List.of("CreateRule: new rule 1"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Outcome.UNVERIFIED,
                "lagging",
                new JournalEntry.Resources(
                        List.of(rule, fallback), List.of(rule, block, https), List.of(https), List.of(rule)));

        String line = JournalCodec.write(entry);

        assertThat(line).doesNotContain("\n").contains("\"resources\":{\"before\":[{\"kind\":\"rule\"");
        assertThat(line.indexOf("\"resources\"")).isBetween(line.indexOf("\"inverse\""), line.indexOf("\"outcome\""));
        JournalEntry read = JournalCodec.read(line);
        assertThat(read).isEqualTo(entry);
        assertThat(read.keepsResources()).isTrue();
        assertThat(read.undoable()).isTrue();
        assertThatThrownBy(
                        () -> JournalCodec.read(line.replace("\"field\":\"source-ip\"", "\"field\":\"source-port\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resources.planned.conditions.source-port: unknown field");
        assertThatThrownBy(() -> JournalCodec.read(line.replace("\"priority\":\"7\"", "\"priority\":\"0\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority: 0 (expected: 1..50000)");
    }

    private static List<String> firstCodecLines() throws IOException {
        try (InputStream in = JournalCodecTest.class.getResourceAsStream(FIRST_CODEC)) {
            assertThat(in).as(FIRST_CODEC).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
