package dev.triage.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.SecretDigests;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code triage journal scrub} over a journal as the console wrote it before secrets were masked (old-journal.jsonl:
 * a weight shift, then "require header X-Cdn-Secret" with its value in the clear in resources and call lines).
 */
class JournalScrubCommandTest {

    private static final String SECRET = "cdn-Secret-4c1e90d2";

    @TempDir
    Path dir;

    private Path journal;
    private byte[] old;

    @BeforeEach
    void copyTheOldJournal() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("old-journal.jsonl")) {
            old = in.readAllBytes();
        }
        journal = dir.resolve("journal.jsonl");
        Files.write(journal, old);
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new String(old, StandardCharsets.UTF_8)).contains(SECRET).doesNotContain("secretHeaders");
    }

    @Test
    void withoutYesItCountsTheClearValuesAndLeavesTheFileAlone() throws Exception {
        Run run = triage("journal", "scrub", "--journal", journal.toString());

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out)
                .contains("secret headers: X-Cdn-Secret")
                .contains("dry run: 10 clear value(s) in 2 line(s) would be replaced")
                .doesNotContain(SECRET);
        assertThat(Files.readAllBytes(journal)).isEqualTo(old);
    }

    @Test
    void withYesItRewritesTheFileWithDigestsOnlyAndMode0600AndNeverPrintsAValue() throws Exception {
        Run run = triage("journal", "scrub", "--journal", journal.toString(), "--yes");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out)
                .contains("replaced 10 clear value(s) with their digests in 2 line(s)")
                .doesNotContain(SECRET);
        assertThat(run.err).doesNotContain(SECRET);
        String after = Files.readString(journal);
        AuditJournal scrubbed = new AuditJournal(journal);
        assertThat(after)
                .doesNotContain(SECRET)
                .contains(scrubbed.digests().digest(SECRET))
                .contains(SecretDigests.PREFIX);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
                .isEqualTo("rw-------");
        assertThat(scrubbed.read().entries()).hasSize(4);
        assertThat(scrubbed.read().skipped()).isEmpty();
        assertThat(scrubbed.secretHeaders()).containsExactly("X-Cdn-Secret");

        Run again = triage("journal", "scrub", "--journal", journal.toString(), "--yes");
        assertThat(again.out).contains("no clear secret values found; nothing to do");
    }

    private static Run triage(String... args) {
        CommandLine line = Triage.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}
}
