package dev.triage.core.change;

import static dev.triage.core.port.TestPems.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.InMemoryCertificates;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.PemImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateImportJournalTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = new InMemoryLoadBalancers();

    @Test
    void anImportIsJournalledBeforeAndAfterTheCallVerifiedAndNotUndoableAndTheKeyIsNeverWritten() throws IOException {
        AuditJournal journal = journal();
        InMemoryCertificates store = new InMemoryCertificates();

        Certificate imported = new ChangeApplier(lbs, journal)
                .importCertificate(store, shop(), "alice", "renew the shop's certificate");

        assertThat(store.imported).hasSize(1);
        assertThat(imported.domainName()).isEqualTo("shop.example.com");
        List<JournalEntry> lines = journal.read().entries();
        assertThat(lines)
                .extracting(JournalEntry::phase)
                .containsExactly(JournalEntry.Phase.INTENT, JournalEntry.Phase.FINAL);
        JournalEntry last = lines.getLast();
        assertThat(last.title()).isEqualTo("import certificate shop.example.com");
        assertThat(last.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(last.detail()).contains(imported.arn());
        assertThat(last.calls())
                .singleElement()
                .satisfies(call -> assertThat(call)
                        .startsWith(ChangeApplier.IMPORT_CERTIFICATE)
                        .contains("CN=shop.example.com"));
        assertThat(last.undoable()).isFalse();
        assertThat(journal.incomplete()).isEmpty();
        String written = Files.readString(journal.file());
        pem("shop.key")
                .lines()
                .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                .forEach(line -> assertThat(written).doesNotContain(line));
    }

    @Test
    void aStoreThatDescribesAnotherCertificateLeavesTheImportUnverified() {
        AuditJournal journal = journal();
        InMemoryCertificates store = new InMemoryCertificates();
        store.describeAs = "other.example.com";

        new ChangeApplier(lbs, journal).importCertificate(store, shop(), "alice", "test");

        JournalEntry last = journal.entries().getLast();
        assertThat(last.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(last.detail()).contains("other.example.com").contains("not shop.example.com");
    }

    @Test
    void aRefusalIsJournalledAsNothingImportedAndRethrown() {
        AuditJournal journal = journal();
        InMemoryCertificates store = new InMemoryCertificates();
        store.refusal = new CoreException.Invalid("certificate import", List.of("LimitExceeded: 2500 certificates"));

        assertThatThrownBy(() -> new ChangeApplier(lbs, journal).importCertificate(store, shop(), "alice", "test"))
                .isSameAs(store.refusal);

        JournalEntry last = journal.entries().getLast();
        assertThat(last.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(last.detail())
                .startsWith("the certificate store refused, nothing imported")
                .contains("LimitExceeded");
        assertThat(journal.incomplete()).isEmpty();
    }

    @Test
    void aPemThatWouldBeRefusedIsNotJournalledAtAll() {
        AuditJournal journal = journal();
        InMemoryCertificates store = new InMemoryCertificates();
        PemImport mismatched = new PemImport(pem("shop.crt"), pem("api-ec.key"), null);

        assertThatThrownBy(() -> new ChangeApplier(lbs, journal).importCertificate(store, mismatched, "alice", "t"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("privateKeyPem");

        assertThat(store.imported).isEmpty();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void anImportTheProcessDiedInBlocksChangesUntilRecoverSaysTheStoreMayHoldIt() {
        AuditJournal journal = journal();
        InMemoryCertificates store = new InMemoryCertificates();
        store.beforeImport = () -> {
            throw new ProcessDied();
        };
        assertThatThrownBy(() -> new ChangeApplier(lbs, journal).importCertificate(store, shop(), "alice", "t"))
                .isInstanceOf(ProcessDied.class);
        assertThat(journal.incomplete()).hasSize(1);

        // the next process
        AuditJournal reopened = new AuditJournal(journal.file());
        ChangeApplier applier = new ChangeApplier(lbs, reopened);
        store.beforeImport = () -> {};
        assertThatThrownBy(() -> applier.importCertificate(store, shop(), "bob", "again"))
                .isInstanceOf(CoreException.Conflict.class);

        List<JournalEntry> recovered = applier.recover("bob", "after the crash");

        assertThat(recovered).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.FAILED_PARTIAL);
            assertThat(entry.detail())
                    .startsWith(
                            "interrupted during a certificate import: the certificate store may or may not hold it");
        });
        assertThat(reopened.incomplete()).isEmpty();
        assertThat(applier.importCertificate(store, shop(), "bob", "again").domainName())
                .isEqualTo("shop.example.com");
    }

    private AuditJournal journal() {
        return new AuditJournal(dir.resolve("journal.jsonl"));
    }

    private static PemImport shop() {
        return new PemImport(pem("shop.crt"), pem("shop.key"), pem("ca.crt"));
    }

    /** What a kill -9 looks like to the code after the call: nothing more runs. */
    private static final class ProcessDied extends Error {
        ProcessDied() {
            super("process died during ImportCertificate");
        }
    }
}
