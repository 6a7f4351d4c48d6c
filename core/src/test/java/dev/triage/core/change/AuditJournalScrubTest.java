package dev.triage.core.change;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrubbing a journal written before secrets were masked. The old file is made the way the old writer made it: a
 * shift and a require-header change applied through the change path, then the file as it read before masking (each
 * digest its clear value, no secretHeaders field) plus a torn last line.
 */
class AuditJournalScrubTest {

    private static final String HEADER = "X-Cdn-Secret";
    private static final String SECRET = "cdn-Secret-4c1e90d2";

    @TempDir
    Path dir;

    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryLoadBalancers lbs;
    private Path file;
    private String requireEntry;
    private List<Rule> rulesBefore;

    @BeforeEach
    void anOldJournalWithTheSecretInTheClear() throws Exception {
        lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
        Rule api = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(90, 10)));
        file = dir.resolve("journal.jsonl");
        AuditJournal journal = new AuditJournal(file);
        ChangePlanner planner = planner();
        applier(journal).apply(planner.shiftWeights(api.arn(), Map.of(LEGACY, 50, REPLACEMENT, 50)), "ops", "shift");
        rulesBefore = lbs.rules(HTTP_LISTENER);
        AuditEntry required =
                applier(journal).apply(planner.requireHeader(HTTP_LISTENER, HEADER, List.of(SECRET)), "ops", "cdn");
        requireEntry = required.id();

        String masked = Files.readString(file);
        String old = masked.replace(journal.digests().digest(SECRET), SECRET)
                .replace(",\"secretHeaders\":[\"" + HEADER + "\"]", "");
        String[] lines = old.split("\n");
        String torn = lines[lines.length - 1].substring(0, lines[lines.length - 1].indexOf(SECRET) + SECRET.length());
        Files.writeString(file, old + torn);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readString(file)).contains(SECRET).doesNotContain("secretHeaders");
    }

    @Test
    void aDryRunCountsTheClearValuesAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(file);

        AuditJournal.Scrub scrub = new AuditJournal(file).scrub(Set.of(), false);

        assertThat(scrub.written()).isFalse();
        assertThat(scrub.headers()).containsExactly(HEADER);
        assertThat(scrub.valuesReplaced()).isEqualTo(occurrences(new String(before, StandardCharsets.UTF_8)));
        assertThat(scrub.linesChanged()).isEqualTo(3); // intent, final, and the torn copy
        assertThat(scrub.unreadableLines()).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void scrubbingReplacesEveryClearValueWithItsDigestAtomicallyKeepsOtherLinesAndUndoStillWorks() throws Exception {
        String before = Files.readString(file);
        String shiftLines = String.join("\n", before.lines().limit(2).toList());

        AuditJournal journal = new AuditJournal(file);
        AuditJournal.Scrub scrub = journal.scrub(Set.of(), true);

        String after = Files.readString(file);
        assertThat(scrub.written()).isTrue();
        assertThat(scrub.valuesReplaced()).isEqualTo(occurrences(before)).isGreaterThanOrEqualTo(3);
        assertThat(after).doesNotContain(SECRET).contains(journal.digests().digest(SECRET));
        assertThat(after).startsWith(shiftLines + "\n");
        assertThat(after.lines().count()).isEqualTo(before.lines().count());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("journal.jsonl.scrub.tmp")).doesNotExist();
        assertThat(journal.read().skipped()).hasSize(1);
        assertThat(journal.secretHeaders()).containsExactly(HEADER);
        JournalEntry last = journal.finalEntry(requireEntry);
        assertThat(last.resources().planned())
                .flatExtracting(r -> ((Rule) r).conditions())
                .filteredOn(c -> c instanceof HttpHeader)
                .allSatisfy(c -> assertThat(((HttpHeader) c).values()).allMatch(SecretDigests::isDigest));

        AuditEntry undone = applier(journal).undo(requireEntry, "ops", "after the scrub");

        assertThat(undone.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(Files.readString(file)).doesNotContain(SECRET);
        assertThat(journal.scrub(Set.of(), true).valuesReplaced())
                .as("a second scrub finds nothing")
                .isZero();
    }

    private static int occurrences(String text) {
        int n = 0;
        for (int at = text.indexOf(SECRET); at >= 0; at = text.indexOf(SECRET, at + 1)) {
            n++;
        }
        return n;
    }

    private ChangePlanner planner() {
        return new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
    }

    private ChangeApplier applier(AuditJournal journal) {
        return new ChangeApplier(
                lbs,
                planner(),
                journal,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                duration -> {},
                new ChangeApplier.Verify(1, Duration.ZERO, Duration.ZERO),
                () -> "entry-" + ids.incrementAndGet());
    }
}
