package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.SourceIp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocking an alert's source and fixing posture findings through core's change path, over an in-memory load balancer. */
class RemediationViewModelTest {

    @TempDir
    Path dir;

    private final MemoryLoadBalancers lb = new MemoryLoadBalancers();
    private final Tasks tasks = Tasks.direct();
    private AuditJournal journal;
    private RemediationViewModel vm;
    private int applied;

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        vm = new RemediationViewModel(lb, journal, tasks, "oncall");
        vm.onApplied(() -> applied++);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void blockingAnAlertsSourcePreviewsA403RuleAboveTheServingRulesThenAppliesAndJournalsIt() {
        Alert alert = Alert.of("edge", write("203.0.113.7"));

        vm.previewBlock(alert);
        RemediationViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending.title()).isEqualTo("Block 203.0.113.7");
        assertThat(pending.preview())
                .contains("block 203.0.113.7/32 on listener " + MemoryLoadBalancers.LISTENER)
                .contains("New rule at priority 1")
                .contains("203.0.113.7/32")
                .contains("403");
        assertThat(lb.rules(MemoryLoadBalancers.LISTENER)).hasSize(2);

        vm.confirm();

        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: block 203.0.113.7/32");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.blocked()).containsExactly("203.0.113.7");
        assertThat(applied).isEqualTo(1);
        Rule block = lb.rules(MemoryLoadBalancers.LISTENER).getFirst();
        assertThat(block.conditions()).containsExactly(new SourceIp(List.of("203.0.113.7/32")));
        assertThat(block.action())
                .isInstanceOfSatisfying(
                        FixedResponse.class, f -> assertThat(f.statusCode()).isEqualTo(403));

        JournalEntry entry = journal.entries().getLast();
        assertThat(entry.undoable()).isTrue();
        assertThat(entry.reason()).isEqualTo("console: security alert: " + alert.message());
        AuditEntry undone = new ChangeApplier(lb, journal).undo(entry.id(), "oncall", "test");
        assertThat(undone.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(lb.rules(MemoryLoadBalancers.LISTENER)).hasSize(2);
    }

    @Test
    void blockingASourceThatIsBlockedAlreadySaysSoWhereTheUserActed() {
        vm.previewBlock(Alert.of("edge", write("203.0.113.7")));
        vm.confirm();

        vm.previewBlock(Alert.of("edge", write("203.0.113.7")));

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Cannot plan it: ")
                .contains("expected: some not blocked already on this listener");
    }

    @Test
    void anAlertWithoutAnAddressIsNotBlocked() {
        vm.previewBlock(Alert.of("edge", write("unknown")));
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("The source 'unknown' is not an address a rule can block.");
    }

    @Test
    void cancelDropsThePendingChange() {
        vm.previewBlock(Alert.of("edge", write("203.0.113.7")));
        vm.cancel();
        vm.confirm();
        assertThat(lb.rules(MemoryLoadBalancers.LISTENER)).hasSize(2);
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void requiringTheCdnHeaderAsksForItsValueAndMasksItInThePreview() {
        PostureViewModel posture = new PostureViewModel(lb, SecuritySource.NONE, tasks);
        posture.refresh();
        PostureViewModel.Finding cdn = posture.findings().stream()
                .filter(f -> f.fix() != null && f.fix().kind().name().equals("REQUIRE_HEADER"))
                .findFirst()
                .orElseThrow();

        vm.previewFix(cdn, "  ");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Type the value the CDN sends in X-Origin-Verify first.");

        vm.previewFix(cdn, "s3cr3t-value");
        RemediationViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending.title()).startsWith("Require X-Origin-Verify on ");
        assertThat(pending.preview())
                .contains("X-Origin-Verify")
                .contains("***")
                .doesNotContain("s3cr3t-value");

        vm.confirm();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.SUCCESS);
        Rule patients = lb.rules(MemoryLoadBalancers.LISTENER).stream()
                .filter(r -> r.arn().equals(MemoryLoadBalancers.RULE))
                .findFirst()
                .orElseThrow();
        assertThat(patients.conditions()).contains(new HttpHeader("X-Origin-Verify", List.of("s3cr3t-value")));
        assertThat(applied).isEqualTo(1);
    }

    private static SecurityEvent write(String ip) {
        return SecurityEvent.first(
                SecurityEvent.Kind.UNAUTHENTICATED_WRITE,
                ip,
                "patients",
                "POST /patients/1/notes (no Authorization header)",
                Instant.parse("2026-03-01T10:00:00Z"));
    }
}
