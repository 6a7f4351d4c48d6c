package dev.triage.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.fleet.FakeFleet;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.InMemoryCertificates;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.PemImport;
import dev.triage.core.port.TestPems;
import dev.triage.core.security.CdnHeaderRequirement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic screen's ViewModel over a fake load balancer and a real journal, without JavaFX running. */
class TrafficViewModelTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = TrafficLoadBalancers.create();
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
        assertThat(vm.selectedProperty().get().arn()).isEqualTo(EdgeLoadBalancers.RULE);
        assertThat(vm.targets()).containsExactly("legacy", "replacement");
        assertThat(vm.targetProperty().get()).isEqualTo("replacement");
        assertThat(vm.currentProperty().get()).isEqualTo("rule 10 on HTTP :80 sends 0% to replacement now");
        assertThat(vm.loadedProperty().get()).isTrue();
    }

    @Test
    void aCertificateImportShowsInTheHistoryWithWhatWasImportedAndNoUndo() throws Exception {
        PemImport pem = new PemImport(TestPems.pem("shop.crt"), TestPems.pem("shop.key"), null);
        InMemoryCertificates store = new InMemoryCertificates();
        new ChangeApplier(lb, journal).importCertificate(store, pem, "oncall", "renewal");

        vm.refresh();

        assertThat(vm.history()).singleElement().satisfies(row -> {
            assertThat(row.title()).isEqualTo("import certificate shop.example.com");
            assertThat(row.outcome()).isEqualTo("VERIFIED");
            assertThat(row.change()).isEqualTo("imported as arn:aws:acm:eu-west-1:123456789012:certificate/1 (ISSUED)");
            assertThat(row.undoable()).isFalse();
        });
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
        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isZero();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void confirmAppliesVerifiesJournalsAndShowsTheNewShares() {
        vm.preview(10);
        vm.confirm();

        assertThat(TrafficLoadBalancers.forward(lb).targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(EdgeLoadBalancers.LEGACY, 90),
                        new WeightedTargetGroup(EdgeLoadBalancers.REPLACEMENT, 10));
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

        assertThat(TrafficLoadBalancers.forward(lb).targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(EdgeLoadBalancers.LEGACY, 100),
                        new WeightedTargetGroup(EdgeLoadBalancers.REPLACEMENT, 0));
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.history()).hasSize(2);
        assertThat(vm.history().getFirst().title()).startsWith("undo ");
    }

    @Test
    void aChangeMadeElsewhereAfterThePreviewIsRefusedAndNothingIsApplied() {
        vm.preview(10);
        TrafficLoadBalancers.setWeights(lb, 50, 50);
        int callsBefore = TrafficLoadBalancers.modifyCalls(lb);

        vm.confirm();

        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isEqualTo(callsBefore);
        assertThat(TrafficLoadBalancers.forward(lb).targetGroups().get(1).weight())
                .isEqualTo(50);
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
        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isZero();
    }

    @Test
    void undoLastWithAnEmptyJournalSaysSo() {
        vm.previewUndoLast();

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).isEqualTo("Nothing to undo in this session's journal.");
    }

    @Test
    void undoingARequirementsLoadBalancerEntryFromTheHistoryUndoesTheAgentsGatesTooAfterAPreviewOfBoth() {
        FakeFleet fleet = new FakeFleet().agent("edge-a", "edge", ungated());
        AgentConfig agentBefore = fleet.running("edge-a");
        Forward forwardBefore = TrafficLoadBalancers.forward(lb);
        var conditionsBefore = lb.rules(EdgeLoadBalancers.LISTENER).getFirst().conditions();
        CdnHeaderRequirement.Outcome applied = requireHeader(fleet);
        TrafficViewModel withFleet = new TrafficViewModel(lb, journal, fleet, tasks, "oncall");
        withFleet.refresh();

        withFleet.previewUndo(row(withFleet, applied.loadBalancerEntry().id()));

        TrafficViewModel.Pending pending = withFleet.pendingProperty().get();
        assertThat(pending).isNotNull();
        assertThat(pending.title()).isEqualTo("Undo: require X-Origin-Verify (load balancer and agents' gates)");
        assertThat(pending.preview())
                .contains("both parts")
                .contains("agent edge-a: route(s) notes no longer require X-Origin-Verify")
                .contains("undo journal entry " + applied.loadBalancerEntry().id())
                .doesNotContain("s3cr3t-value");

        withFleet.confirm();

        assertThat(withFleet.messageProperty().get().tone())
                .as(withFleet.messageProperty().get().text())
                .isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(withFleet.messageProperty().get().text()).startsWith("Undone on the load balancer and the agents: ");
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER).getFirst().conditions()).isEqualTo(conditionsBefore);
        assertThat(TrafficLoadBalancers.forward(lb)).isEqualTo(forwardBefore);
        assertThat(fleet.running("edge-a")).isEqualTo(agentBefore);
        assertThat(CdnHeaderRequirement.recorded(journal)).isEmpty();
    }

    @Test
    void withoutTheAgentsTheHistoryUndoOfARequirementsEntryIsRefusedPointingToTheSecurityScreen() {
        FakeFleet fleet = new FakeFleet().agent("edge-a", "edge", ungated());
        CdnHeaderRequirement.Outcome applied = requireHeader(fleet);
        AgentConfig gated = fleet.running("edge-a");
        var conditions = lb.rules(EdgeLoadBalancers.LISTENER).getFirst().conditions();
        vm.refresh();
        int modified = TrafficLoadBalancers.modifyCalls(lb);

        vm.previewUndo(row(vm, applied.loadBalancerEntry().id()));
        vm.confirm();

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .contains("load balancer part of \"require X-Origin-Verify\"")
                .contains("would leave the agents' gates")
                .contains("security screen");
        assertThat(TrafficLoadBalancers.modifyCalls(lb)).isEqualTo(modified);
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER).getFirst().conditions()).isEqualTo(conditions);
        assertThat(fleet.running("edge-a")).isEqualTo(gated);
        assertThat(CdnHeaderRequirement.recorded(journal)).hasSize(1);
    }

    private CdnHeaderRequirement.Outcome requireHeader(FakeFleet fleet) {
        ChangePlanner planner = new ChangePlanner(lb);
        CdnHeaderRequirement requirement =
                new CdnHeaderRequirement(planner, new ChangeApplier(lb, journal), fleet, journal);
        CdnHeaderRequirement.Outcome outcome = requirement.apply(
                requirement.plan(
                        EdgeLoadBalancers.LISTENER, "X-Origin-Verify", List.of("s3cr3t-value"), List.of("edge-a")),
                List.of("s3cr3t-value"),
                "oncall",
                "test");
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(CdnHeaderRequirement.Status.DONE);
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER).getFirst().conditions())
                .contains(new HttpHeader("X-Origin-Verify", List.of("s3cr3t-value")));
        return outcome;
    }

    private static TrafficState.HistoryRow row(TrafficViewModel vm, String id) {
        return vm.history().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static AgentConfig ungated() {
        var notes = new dev.triage.agent.api.config.Rule(
                "notes",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/hospitals/*"), null)),
                Action.forwardTo("hosp"),
                RoutePolicy.NONE);
        return new AgentConfig(
                "v1",
                List.of(new Listener(
                        "edge", Listener.HTTP, "127.0.0.1", 8080, List.of(notes), Action.forwardTo("hosp"))),
                List.of(new TargetGroup("hosp", List.of(new TargetGroup.Target("127.0.0.1", 9000)), 0, 0, 0, null)),
                null,
                null);
    }
}
