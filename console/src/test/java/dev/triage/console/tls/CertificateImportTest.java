package dev.triage.console.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.InMemoryCertificates;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.TestPems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateImportTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private final InMemoryCertificates store = new InMemoryCertificates();
    private Path certificate;
    private Path key;
    private Path otherKey;
    private Path chain;

    @BeforeEach
    void files() throws IOException {
        certificate = TestPems.file(dir, "shop.crt");
        key = TestPems.file(dir, "shop.key");
        otherKey = TestPems.file(dir, "api-ec.key");
        chain = TestPems.file(dir, "ca.crt");
    }

    @Test
    void anImportIsCheckedPreviewedWithoutTheKeyThenImportedAndVerified() throws IOException {
        TlsViewModel vm = viewModel(Optional.of(store));

        vm.previewImport(certificate, key, chain);

        TlsViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending).isNotNull();
        assertThat(pending.title()).isEqualTo("import certificate shop.example.com");
        assertThat(pending.preview())
                .contains("CN=shop.example.com")
                .contains("shop.example.com, www.shop.example.com")
                .contains("to 2126-10-29")
                .contains("RSA 2048")
                .contains("1 intermediate certificate");
        assertKeyNotIn(pending.preview());
        assertKeyNotIn(pending.toString());
        assertThat(store.imported).isEmpty();

        vm.confirm();

        assertThat(store.imported).hasSize(1);
        assertThat(store.imported.getFirst().privateKeyPem()).isEqualTo(Files.readString(key));
        assertThat(store.imported.getFirst().chainPem()).isEqualTo(Files.readString(chain));
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TlsViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Verified: imported shop.example.com (ISSUED, expires 2126-10-29) as arn:aws:acm:");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.certificates())
                .extracting(TlsState.CertificateRow::domain)
                .contains("shop.example.com");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeAnythingIsSent() {
        TlsViewModel vm = viewModel(Optional.of(store));

        vm.previewImport(certificate, otherKey, null);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TlsViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text()).startsWith("Not importable: privateKeyPem:");
        assertThat(store.imported).isEmpty();
    }

    @Test
    void aMissingFileIsNamedWhereTheUserActed() {
        TlsViewModel vm = viewModel(Optional.of(store));

        vm.previewImport(dir.resolve("nope.pem"), key, null);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .startsWith("Not importable: ")
                .contains("nope.pem");
    }

    @Test
    void anOversizedFileIsRefusedWithTheLimit() throws IOException {
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[(int) TlsViewModel.MAX_PEM_BYTES + 1]);
        TlsViewModel vm = viewModel(Optional.of(store));

        vm.previewImport(huge, key, null);

        assertThat(vm.messageProperty().get().text()).contains("huge.pem").contains("at most 256 KiB");
    }

    @Test
    void withoutACertificateStoreNothingCanBeImported() {
        TlsViewModel vm = viewModel(Optional.empty());

        assertThat(vm.canImport()).isFalse();
        vm.previewImport(certificate, key, null);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).contains("no certificate store");
    }

    @Test
    void aReadOnlyProfileRefusesTheImport() {
        TlsViewModel vm = viewModel(Optional.of(store));
        vm.previewImport(certificate, key, null);
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));

        vm.confirm();

        assertThat(store.imported).isEmpty();
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: ");
    }

    @Test
    void aStoreThatRefusesSaysWhyAndKeepsNothingPending() {
        store.refusal =
                new CoreException.Invalid("certificate import", List.of("LimitExceeded: too many certificates"));
        TlsViewModel vm = viewModel(Optional.of(store));
        vm.previewImport(certificate, key, null);

        vm.confirm();

        assertThat(vm.messageProperty().get().text())
                .startsWith("Not imported: ")
                .contains("LimitExceeded");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    private void assertKeyNotIn(String text) {
        try {
            Files.readAllLines(key).stream()
                    .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                    .forEach(line -> assertThat(text).doesNotContain(line));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private TlsViewModel viewModel(Optional<Certificates> certificates) {
        InMemoryLoadBalancers lbs = TlsViewModelTest.seeded();
        return new TlsViewModel(
                lbs,
                certificates,
                new ChangeApplier(lbs, new AuditJournal(dir.resolve("journal.jsonl"))),
                Tasks.direct(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                "tester");
    }
}
