package dev.triage.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.domain.WeightedTargetGroup;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic screen's ViewModel over a fake load balancer and a real journal, without JavaFX running. */
class TrafficViewModelTest {

    @TempDir
    Path dir;

    private final FakeLoadBalancers lb = new FakeLoadBalancers();
    private final Tasks tasks = Tasks.direct();
    private AuditJournal journal;
    private TrafficViewModel vm;

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        vm = new TrafficViewModel(lb, journal, tasks, "oncall");
        vm.refresh();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void readsRulesInWordsAndSelectsTheForwardRuleWithTheReplacementAsTarget() {
        assertThat(vm.rules()).hasSize(2);
        TrafficState.RuleRow rule = vm.rules().getFirst();
        assertThat(rule.conditions()).isEqualTo("path-pattern is /hospitals*");
        assertThat(rule.action()).isEqualTo("forward: legacy 100%, replacement 0%");
        assertThat(vm.rules().get(1).conditions()).isEqualTo("any request no other rule matched");
        assertThat(vm.rules().get(1).action()).isEqualTo("answer 404 with a 8-character body");
        assertThat(vm.selectedProperty().get().arn()).isEqualTo(FakeLoadBalancers.RULE);
        assertThat(vm.targets()).containsExactly("legacy", "replacement");
        assertThat(vm.targetProperty().get()).isEqualTo("replacement");
        assertThat(vm.currentProperty().get()).isEqualTo("rule 10 on HTTP :80 sends 0% to replacement now");
        assertThat(vm.loadedProperty().get()).isTrue();
    }

    @Test
    void showsTargetHealthAndEachRulesShare() {
        assertThat(vm.groups()).hasSize(2);
        TrafficState.GroupRow legacy = vm.groups().getFirst();
        assertThat(legacy.health()).isEqualTo("1 of 2 healthy: 10.0.0.2:80 unhealthy (request timed out)");
        assertThat(legacy.allHealthy()).isFalse();
        assertThat(legacy.weights()).isEqualTo("rule 10: 100%");
        assertThat(vm.groups().get(1).allHealthy()).isTrue();
    }

    @Test
    void previewShowsThePlanAndChangesNothingUntilConfirmed() {
        vm.preview(10);

        assertThat(vm.pendingProperty().get()).isNotNull();
        assertThat(vm.pendingProperty().get().title()).isEqualTo("Send 10% of rule 10 on HTTP :80 to replacement");
        assertThat(vm.pendingProperty().get().preview()).contains("legacy 100 -> 90, replacement 0 -> 10");
        assertThat(lb.modifyCalls).isZero();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void confirmAppliesVerifiesJournalsAndShowsTheNewShares() {
        vm.preview(10);
        vm.confirm();

        assertThat(lb.forward().targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(FakeLoadBalancers.LEGACY, 90),
                        new WeightedTargetGroup(FakeLoadBalancers.REPLACEMENT, 10));
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: shift weights of rule 10");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.rules().getFirst().action()).isEqualTo("forward: legacy 90%, replacement 10%");
        assertThat(vm.history()).hasSize(1);
        assertThat(vm.history().getFirst().outcome()).isEqualTo("VERIFIED");
        assertThat(vm.history().getFirst().change()).isEqualTo("rule 10: legacy 100 → 90, replacement 0 → 10");
        assertThat(vm.history().getFirst().undoable()).isTrue();
        assertThat(journal.entries().getLast().reason())
                .isEqualTo("console: send 10% of rule 10 on http :80 to replacement");
    }

    @Test
    void undoRestoresTheWeightsThroughTheSamePath() {
        vm.preview(25);
        vm.confirm();

        vm.previewUndo(vm.history().getFirst());
        assertThat(vm.pendingProperty().get().preview()).contains("rule 10: legacy 75 → 100, replacement 25 → 0");
        vm.confirm();

        assertThat(lb.forward().targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(FakeLoadBalancers.LEGACY, 100),
                        new WeightedTargetGroup(FakeLoadBalancers.REPLACEMENT, 0));
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.history()).hasSize(2);
        assertThat(vm.history().getFirst().title()).startsWith("undo ");
    }

    @Test
    void aChangeMadeElsewhereAfterThePreviewIsRefusedAndNothingIsApplied() {
        vm.preview(10);
        lb.setWeights(50, 50);
        int callsBefore = lb.modifyCalls;

        vm.confirm();

        assertThat(lb.modifyCalls).isEqualTo(callsBefore);
        assertThat(lb.forward().targetGroups().get(1).weight()).isEqualTo(50);
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: the live state changed since the plan");
        assertThat(vm.rules().getFirst().action()).isEqualTo("forward: legacy 50%, replacement 50%");
    }

    @Test
    void aShareOutsideZeroToHundredIsRefusedWhereTheUserTyped() {
        vm.preview(120);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).isEqualTo("share: 120% (expected: 0 to 100%)");
    }

    @Test
    void theSameSharesAsNowIsExplainedNotApplied() {
        vm.preview(0);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text()).contains("the same as now");
    }

    @Test
    void cancelDropsThePendingChange() {
        vm.preview(50);
        vm.cancel();

        assertThat(vm.pendingProperty().get()).isNull();
        vm.confirm();
        assertThat(lb.modifyCalls).isZero();
    }

    @Test
    void undoLastWithAnEmptyJournalSaysSo() {
        vm.previewUndoLast();

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).isEqualTo("Nothing to undo in this session's journal.");
    }
}
