package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fleet.FakeFleet;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocking an alert's source and fixing posture findings through core's change path, over an in-memory load balancer. */
class RemediationViewModelTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = MemoryLoadBalancers.create();
    private final Tasks tasks = Tasks.direct();
    private final FakeFleet fleet =
            new FakeFleet().agent("edge-a", "edge", ungated()).agent("edge-b", "edge", ungated());
    private AuditJournal journal;
    private RemediationViewModel vm;
    private int applied;

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        vm = new RemediationViewModel(lb, journal, fleet, tasks, "oncall");
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
                .contains("block 203.0.113.7/32 on listener " + EdgeLoadBalancers.LISTENER)
                .contains("New rule at priority 1")
                .contains("203.0.113.7/32")
                .contains("403");
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).hasSize(2);

        vm.confirm();

        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: block 203.0.113.7/32");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.blocked()).containsExactly("203.0.113.7");
        assertThat(applied).isEqualTo(1);
        Rule block = lb.rules(EdgeLoadBalancers.LISTENER).getFirst();
        assertThat(block.conditions()).containsExactly(new SourceIp(List.of("203.0.113.7/32")));
        assertThat(block.action())
                .isInstanceOfSatisfying(
                        FixedResponse.class, f -> assertThat(f.statusCode()).isEqualTo(403));

        JournalEntry entry = journal.entries().getLast();
        assertThat(entry.undoable()).isTrue();
        assertThat(entry.reason()).isEqualTo("console: security alert: " + alert.message());
        AuditEntry undone = new ChangeApplier(lb, journal).undo(entry.id(), "oncall", "test");
        assertThat(undone.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).hasSize(2);
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
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).hasSize(2);
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void requiringTheCdnHeaderIsOneChangeOfTheLoadBalancerAndTheAgentsGatesAndUndoRevertsBoth() throws Exception {
        PostureViewModel.Finding cdn = cdnFinding();
        List<Rule> rulesBefore = lb.rules(EdgeLoadBalancers.LISTENER);
        AgentConfig agentBefore = fleet.running("edge-a");

        vm.previewFix(cdn, "  ");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Type the value the CDN sends in X-Origin-Verify first.");

        vm.previewFix(cdn, "s3cr3t-value");
        RemediationViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending.title()).startsWith("Require X-Origin-Verify on ");
        assertThat(pending.preview())
                .contains("1. Load balancer: require header X-Origin-Verify")
                .contains("2. Then the agents' gates")
                .contains("agent edge-a: route(s) notes gain the gate")
                .contains("agent edge-b: route(s) notes gain the gate")
                .contains("***")
                .doesNotContain("s3cr3t-value");

        vm.confirm();
        assertThat(vm.messageProperty().get().tone())
                .as(vm.messageProperty().get().text())
                .isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).doesNotContain("s3cr3t-value");
        assertThat(patients().conditions()).contains(new HttpHeader("X-Origin-Verify", List.of("s3cr3t-value")));
        for (String agent : List.of("edge-a", "edge-b")) {
            var gate = fleet.running(agent)
                    .listeners()
                    .getFirst()
                    .rules()
                    .getFirst()
                    .policy()
                    .gates();
            assertThat(gate.requiredHeader().name()).isEqualTo("X-Origin-Verify");
            assertThat(gate.requiredHeader().values()).containsExactly("s3cr3t-value");
        }
        assertThat(applied).isEqualTo(1);
        assertThat(vm.requirementInPlaceProperty().get()).isNotNull();
        assertThat(java.nio.file.Files.readString(journal.file())).doesNotContain("s3cr3t-value");

        vm.undoRequirement();

        assertThat(vm.messageProperty().get().tone())
                .as(vm.messageProperty().get().text())
                .isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(vm.requirementInPlaceProperty().get()).isNull();
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.running("edge-a")).isEqualTo(agentBefore);
        assertThat(fleet.running("edge-b")).isEqualTo(agentBefore);
    }

    @Test
    void anAgentThatFailsTheGateRollsTheLoadBalancerChangeBackAndSaysSo() {
        List<Rule> rulesBefore = lb.rules(EdgeLoadBalancers.LISTENER);
        AgentConfig agentBefore = fleet.running("edge-a");
        vm.previewFix(cdnFinding(), "s3cr3t-value");
        fleet.down("edge-b", true);

        vm.confirm();

        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Not applied, everything set back: agent edge-b")
                .doesNotContain("s3cr3t-value");
        assertThat(vm.requirementInPlaceProperty().get()).isNull();
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.running("edge-a")).isEqualTo(agentBefore);
    }

    @Test
    void afterARestartANewViewModelShowsTheRequirementFromTheFileAndUndoesBothParts() throws Exception {
        List<Rule> rulesBefore = lb.rules(EdgeLoadBalancers.LISTENER);
        AgentConfig agentBefore = fleet.running("edge-a");
        vm.previewFix(cdnFinding(), "s3cr3t-value");
        vm.confirm();
        assertThat(vm.messageProperty().get().tone())
                .as(vm.messageProperty().get().text())
                .isEqualTo(RemediationViewModel.Tone.SUCCESS);
        Path state = dir.resolve(CdnHeaderRequirement.STATE_FILE);
        assertThat(new String(java.nio.file.Files.readAllBytes(state), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("X-Origin-Verify")
                .doesNotContain("s3cr3t-value");

        // the console restarts: a new journal and view model over the same files
        RemediationViewModel restarted =
                new RemediationViewModel(lb, new AuditJournal(dir.resolve("journal.jsonl")), fleet, tasks, "oncall");
        assertThat(restarted.requirementInPlaceProperty().get()).isNull();
        restarted.reload();

        CdnHeaderRequirement.InPlace shown =
                restarted.requirementInPlaceProperty().get();
        assertThat(shown).isNotNull();
        assertThat(shown.headerName()).isEqualTo("X-Origin-Verify");
        assertThat(shown.listenerArn()).isEqualTo(EdgeLoadBalancers.LISTENER);
        assertThat(shown.gated()).containsOnlyKeys("edge-a", "edge-b");

        fleet.down("edge-b", true);
        restarted.undoRequirement();

        assertThat(restarted.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.ERROR);
        assertThat(restarted.messageProperty().get().text())
                .startsWith("Undone only in part, undo again for the rest: ")
                .contains("agents still gated: edge-b")
                .contains("what is left stays recorded in " + CdnHeaderRequirement.STATE_FILE);
        assertThat(restarted.requirementInPlaceProperty().get().gated()).containsOnlyKeys("edge-b");
        assertThat(restarted.requirementInPlaceProperty().get().loadBalancerEntryId())
                .isNull();
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).isEqualTo(rulesBefore);

        fleet.down("edge-b", false);
        restarted.undoRequirement();

        assertThat(restarted.messageProperty().get().tone())
                .as(restarted.messageProperty().get().text())
                .isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(restarted.requirementInPlaceProperty().get()).isNull();
        assertThat(fleet.running("edge-a")).isEqualTo(agentBefore);
        assertThat(fleet.running("edge-b")).isEqualTo(agentBefore);
        assertThat(CdnHeaderRequirement.recorded(journal)).isEmpty();
    }

    @Test
    void anApplyTheConsoleDidNotLiveToFinishIsShownInWordsAfterARestartAndSetBack() {
        PostureViewModel.Finding cdn = cdnFinding();
        List<Rule> rulesBefore = lb.rules(EdgeLoadBalancers.LISTENER);
        AgentConfig agentBefore = fleet.running("edge-a");
        // the console dies (kill -9) while it pushes edge-b's gate: the load balancer part and edge-a are done
        AgentFleet dying = new AgentFleet() {
            @Override
            public List<PushResult> update(
                    List<String> agentNames, UnaryOperator<AgentConfig> change, boolean rolling) {
                if (agentNames.contains("edge-b")) {
                    throw new ProcessDied();
                }
                return fleet.update(agentNames, change, rolling);
            }

            @Override
            public List<AgentInfo> agents() {
                return fleet.agents();
            }

            @Override
            public AgentConfig config(String agentName) {
                return fleet.config(agentName);
            }

            @Override
            public List<ConfigError> validate(String agentName, AgentConfig config) {
                return fleet.validate(agentName, config);
            }

            @Override
            public List<PushResult> push(
                    List<String> agentNames,
                    AgentConfig config,
                    boolean rolling,
                    java.util.Map<String, String> expectedHashes) {
                return fleet.push(agentNames, config, rolling, expectedHashes);
            }

            @Override
            public void desire(String agentName, AgentConfig desired) {
                fleet.desire(agentName, desired);
            }
        };
        CdnHeaderRequirement first =
                new CdnHeaderRequirement(new ChangePlanner(lb), new ChangeApplier(lb, journal), dying, journal);
        CdnHeaderRequirement.Plan plan = first.plan(
                EdgeLoadBalancers.LISTENER, "X-Origin-Verify", List.of("s3cr3t-value"), List.of("edge-a", "edge-b"));
        assertThatThrownBy(() -> first.apply(plan, List.of("s3cr3t-value"), "oncall", "posture"))
                .isInstanceOf(ProcessDied.class);
        assertThat(fleet.running("edge-a")).isNotEqualTo(agentBefore);

        // the console restarts over the same files
        RemediationViewModel restarted =
                new RemediationViewModel(lb, new AuditJournal(dir.resolve("journal.jsonl")), fleet, tasks, "oncall");
        restarted.reload();

        CdnHeaderRequirement.Interrupted shown = restarted.interruptedProperty().get();
        assertThat(shown).isNotNull();
        assertThat(shown.describe())
                .startsWith("require X-Origin-Verify on listener " + EdgeLoadBalancers.LISTENER + " was interrupted")
                .contains("load balancer part applied (journal entry ")
                .endsWith("agents edge-a gated, edge-b not")
                .doesNotContain("s3cr3t-value");
        assertThat(restarted.requirementInPlaceProperty().get()).isNull();

        restarted.previewFix(cdn, "another-value");
        assertThat(restarted.pendingProperty().get()).isNull();
        assertThat(restarted.messageProperty().get().text())
                .startsWith("Cannot plan it: ")
                .contains("was interrupted")
                .contains("set it back first");

        restarted.setBackInterrupted();

        assertThat(restarted.messageProperty().get().tone())
                .as(restarted.messageProperty().get().text())
                .isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(restarted.messageProperty().get().text()).startsWith("Set back on the load balancer and the agents");
        assertThat(restarted.interruptedProperty().get()).isNull();
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.running("edge-a")).isEqualTo(agentBefore);
        assertThat(fleet.running("edge-b")).isEqualTo(agentBefore);
        assertThat(CdnHeaderRequirement.recorded(journal)).isEmpty();
    }

    /** Stands for a kill -9: an Error nothing in the apply catches. */
    private static final class ProcessDied extends Error {
        ProcessDied() {
            super("process died");
        }
    }

    @Test
    void aTornStateFileIsSaidWithItsNameAndNoRequirementIsShown() throws Exception {
        Path state = dir.resolve(CdnHeaderRequirement.STATE_FILE);
        java.nio.file.Files.writeString(state, "{\"version\":1,\"requirements\":[{\"id\":");

        vm.reload();

        assertThat(vm.requirementInPlaceProperty().get()).isNull();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Cannot tell which header requirements are in place: ")
                .contains(state.toString());
    }

    @Test
    void aProtectedProfileBlocksOnlyOnceItsNameIsTypedAndReadOnlyNever() {
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.PROTECTED, "prod"));
        vm.previewBlock(Alert.of("edge", write("203.0.113.7")));
        vm.confirm();
        assertThat(lb.rules(EdgeLoadBalancers.LISTENER)).hasSize(2);
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Not applied: Protected profile prod: type its name to confirm this write.");

        vm.guard().typedProperty().set("prod");
        vm.confirm();
        assertThat(vm.blocked()).containsExactly("203.0.113.7");

        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));
        vm.previewBlock(Alert.of("edge", write("198.51.100.9")));
        vm.confirm();
        assertThat(vm.blocked()).containsExactly("203.0.113.7");
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: Read-only profile prod");
        assertThat(journal.entries()).hasSize(2); // the one block's intent and outcome
    }

    private PostureViewModel.Finding cdnFinding() {
        PostureViewModel posture = new PostureViewModel(lb, SecuritySource.NONE, tasks);
        posture.refresh();
        return posture.findings().stream()
                .filter(f -> f.fix() != null && f.fix().kind().name().equals("REQUIRE_HEADER"))
                .findFirst()
                .orElseThrow();
    }

    private Rule patients() {
        return lb.rules(EdgeLoadBalancers.LISTENER).stream()
                .filter(r -> r.arn().equals(EdgeLoadBalancers.RULE))
                .findFirst()
                .orElseThrow();
    }

    private static AgentConfig ungated() {
        var notes = new dev.triage.agent.api.config.Rule(
                "notes",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/patients/*"), null)),
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

    private static SecurityEvent write(String ip) {
        return SecurityEvent.first(
                SecurityEvent.Kind.UNAUTHENTICATED_WRITE,
                ip,
                "patients",
                "POST /patients/1/notes (no Authorization header)",
                Instant.parse("2026-03-01T10:00:00Z"));
    }
}
