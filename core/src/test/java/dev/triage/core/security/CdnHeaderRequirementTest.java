package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.security.RequirementFixture.HEADER;
import static dev.triage.core.security.RequirementFixture.SECRET;
import static dev.triage.core.security.RequirementFixture.ungated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement.Outcome;
import dev.triage.core.security.CdnHeaderRequirement.Plan;
import dev.triage.core.security.CdnHeaderRequirement.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnHeaderRequirementTest {

    @TempDir
    Path dir;

    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryLoadBalancers lbs;
    private AuditJournal journal;
    private FakeFleet fleet;
    private List<Rule> rulesBefore;
    private Map<String, AgentConfig> agentsBefore;

    @BeforeEach
    void anOpenListenerAndTwoUngatedAgents() {
        lbs = RequirementFixture.openListener();
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        fleet = new FakeFleet(Map.of("edge-a", ungated(), "edge-b", ungated()));
        rulesBefore = lbs.rules(HTTP_LISTENER);
        agentsBefore = Map.copyOf(fleet.configs);
    }

    @Test
    void onePreviewShowsTheLoadBalancerPartThenEachAgentsGatesAndNeverTheValue() {
        Plan plan = requirement().plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        String preview = plan.preview();
        assertThat(preview).doesNotContain(SECRET);
        assertThat(preview.indexOf("1. Load balancer: require header " + HEADER))
                .isNotNegative()
                .isLessThan(preview.indexOf("2. Then the agents' gates"));
        assertThat(preview)
                .contains("agent edge-a: route(s) notes gain the gate")
                .contains("agent edge-b: route(s) notes gain the gate");
        assertThat(plan.gates()).containsOnlyKeys("edge-a", "edge-b");
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.updates).isEmpty();
    }

    @Test
    void applyRequiresTheHeaderAtTheLoadBalancerThenGatesTheAgentsAndUndoRevertsBoth() throws Exception {
        CdnHeaderRequirement requirement = requirement();
        Plan plan = requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        Outcome done = requirement.apply(plan, List.of(SECRET), "ops", "posture");

        assertThat(done.status()).as(done.detail()).isEqualTo(Status.DONE);
        assertThat(headerValues()).isNotEmpty().allSatisfy(v -> assertThat(v).containsExactly(SECRET));
        assertThat(gate("edge-a").name()).isEqualTo(HEADER);
        assertThat(gate("edge-a").values()).containsExactly(SECRET);
        assertThat(gate("edge-b").values()).containsExactly(SECRET);
        assertThat(fleet.configs.get("edge-a").listeners().getFirst().rules().get(1))
                .as("the fixed-response route serves no target, so it gets no gate")
                .isEqualTo(agentsBefore
                        .get("edge-a")
                        .listeners()
                        .getFirst()
                        .rules()
                        .get(1));
        assertThat(done.detail()).doesNotContain(SECRET);

        Outcome undone = requirement.undo(done, "ops", "undo");

        assertThat(undone.status()).as(undone.detail()).isEqualTo(Status.DONE);
        assertThat(undone.undoable()).isFalse();
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(Files.readString(journal.file())).doesNotContain(SECRET);
    }

    @Test
    void anAgentThatRefusesSetsBackTheAgentsDoneAndUndoesTheLoadBalancerChange() {
        fleet.failing.add("edge-b");
        CdnHeaderRequirement requirement = requirement();
        Plan plan = requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        Outcome outcome = requirement.apply(plan, List.of(SECRET), "ops", "posture");

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.ROLLED_BACK);
        assertThat(outcome.undoable()).isFalse();
        assertThat(outcome.agentProblems()).containsOnlyKeys("edge-b");
        assertThat(outcome.detail()).contains("agent edge-b").contains("nothing changed");
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(fleet.updates)
                .as("edge-a gated, edge-b refused, edge-a set back")
                .containsExactly(List.of("edge-a"), List.of("edge-b"), List.of("edge-a"));
    }

    @Test
    void aRollbackThatFailsIsReportedAsPartialWithWhatIsLeftAndUndoTakesItOff() {
        fleet.failing.add("edge-b");
        fleet.failAfter.put("edge-a", 1);
        CdnHeaderRequirement requirement = requirement();
        Plan plan = requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        Outcome partial = requirement.apply(plan, List.of(SECRET), "ops", "posture");

        assertThat(partial.status()).as(partial.detail()).isEqualTo(Status.PARTIAL);
        assertThat(partial.gated()).containsOnlyKeys("edge-a");
        assertThat(partial.inPlace().loadBalancerEntryId())
                .as("the load balancer part was undone")
                .isNull();
        assertThat(partial.detail()).contains("agents still gated: edge-a");
        assertThat(gate("edge-a").values()).containsExactly(SECRET);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);

        fleet.failAfter.clear();
        Outcome undone = requirement.undo(partial, "ops", "undo");

        assertThat(undone.status()).as(undone.detail()).isEqualTo(Status.DONE);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
    }

    @Test
    void whatIsInPlaceIsRecordedWithoutTheValueAndAfterARestartUndoRevertsBothParts() throws Exception {
        CdnHeaderRequirement before = requirement();
        Outcome done = before.apply(
                before.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "posture");
        assertThat(done.status()).as(done.detail()).isEqualTo(Status.DONE);

        Path file = dir.resolve(CdnHeaderRequirement.STATE_FILE);
        assertThat(before.stateFile()).isEqualTo(file);
        String text = Files.readString(file);
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(SECRET);
        assertThat(text)
                .contains(HEADER)
                .contains(HTTP_LISTENER)
                .contains(done.loadBalancerEntry().id())
                .contains("edge-a")
                .contains("\"notes\"");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        // a restart: a new journal, requirement and state file reader over the same files
        AuditJournal reopened = new AuditJournal(dir.resolve("journal.jsonl"));
        CdnHeaderRequirement after = requirement(reopened);
        List<CdnHeaderRequirement.InPlace> recorded = after.inPlace();
        assertThat(recorded).hasSize(1);
        CdnHeaderRequirement.InPlace inPlace = recorded.getFirst();
        assertThat(inPlace).isEqualTo(done.inPlace());
        assertThat(inPlace.loadBalancerEntryId())
                .isEqualTo(done.loadBalancerEntry().id());
        assertThat(inPlace.gated()).containsOnlyKeys("edge-a", "edge-b");
        assertThat(inPlace.gated().get("edge-a")).containsExactly("notes");
        assertThat(CdnHeaderRequirement.recordedFor(reopened, inPlace.loadBalancerEntryId()))
                .contains(inPlace);
        assertThat(CdnHeaderRequirement.recordedFor(reopened, "entry-other")).isEmpty();
        assertThat(inPlace.undoPreview())
                .contains("agent edge-a: route(s) notes no longer require " + HEADER)
                .contains("undo journal entry " + inPlace.loadBalancerEntryId())
                .doesNotContain(SECRET);

        Outcome undone = after.undo(inPlace, "ops", "undo after restart");

        assertThat(undone.status()).as(undone.detail()).isEqualTo(Status.DONE);
        assertThat(undone.undoable()).isFalse();
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(after.inPlace()).isEmpty();
        assertThat(CdnHeaderRequirement.recorded(reopened)).isEmpty();
    }

    @Test
    void aPartialUndoKeepsWhatIsLeftRecordedAndSaysSoThenTheNextUndoFinishes() {
        CdnHeaderRequirement requirement = requirement();
        Outcome done = requirement.apply(
                requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "posture");
        fleet.failing.add("edge-b");

        Outcome partial =
                requirement(new AuditJournal(dir.resolve("journal.jsonl"))).undo(done.inPlace(), "ops", "undo");

        assertThat(partial.status()).as(partial.detail()).isEqualTo(Status.PARTIAL);
        assertThat(partial.detail())
                .contains("agents still gated: edge-b")
                .contains("what is left stays recorded in " + CdnHeaderRequirement.STATE_FILE);
        assertThat(partial.inPlace().loadBalancerEntryId()).isNull();
        assertThat(partial.inPlace().gated()).containsOnlyKeys("edge-b");
        assertThat(requirement.inPlace()).containsExactly(partial.inPlace());
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(gate("edge-b").values()).containsExactly(SECRET);

        fleet.failing.clear();
        Outcome rest = requirement.undo(requirement.inPlace().getFirst(), "ops", "undo the rest");

        assertThat(rest.status()).as(rest.detail()).isEqualTo(Status.DONE);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(requirement.inPlace()).isEmpty();
    }

    @Test
    void undoingARequirementNoLongerRecordedIsRefusedAndChangesNothing() {
        CdnHeaderRequirement requirement = requirement();
        Outcome done = requirement.apply(
                requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "posture");
        requirement.undo(done, "ops", "undo");
        Map<String, AgentConfig> now = Map.copyOf(fleet.configs);
        int updates = fleet.updates.size();

        assertThatThrownBy(() -> requirement.undo(done, "ops", "again"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("not recorded in " + requirement.stateFile());
        assertThat(fleet.updates).hasSize(updates);
        assertThat(fleet.configs).isEqualTo(now);
    }

    @Test
    void aTornStateFileIsAClearErrorNamingItAndNothingIsChangedOrLost() throws Exception {
        CdnHeaderRequirement requirement = requirement();
        Outcome done = requirement.apply(
                requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "posture");
        Path file = requirement.stateFile();
        String whole = Files.readString(file);
        String torn = whole.substring(0, whole.length() / 2);
        Files.writeString(file, torn);
        List<Rule> rulesNow = lbs.rules(HTTP_LISTENER);
        Map<String, AgentConfig> agentsNow = Map.copyOf(fleet.configs);
        int journalLines = journal.entries().size();

        assertThatThrownBy(requirement::inPlace)
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> requirement.plan(HTTP_LISTENER, "X-Other", List.of("v"), List.of("edge-a")))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> requirement.undo(done, "ops", "undo"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(file.toString());

        assertThat(Files.readString(file))
                .as("the torn file is not written over")
                .isEqualTo(torn);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesNow);
        assertThat(fleet.configs).isEqualTo(agentsNow);
        assertThat(journal.entries()).hasSize(journalLines);

        Files.writeString(file, whole); // the file put back: the requirement is there to undo, nothing was lost
        assertThat(requirement.undo(done, "ops", "undo").status()).isEqualTo(Status.DONE);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
    }

    @Test
    void aRecordThatIsNotValidNamesTheFileAndTheEntry() throws Exception {
        Path file = dir.resolve(CdnHeaderRequirement.STATE_FILE);
        Files.writeString(
                file,
                "{\"version\":1,\"requirements\":[{\"id\":\"e1\",\"listener\":\"l\",\"gated\":{},"
                        + "\"updated\":\"2026-11-22T10:00:00Z\"}]}");

        assertThatThrownBy(() -> CdnHeaderRequirement.recorded(journal))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("requirements[0]: header: null (expected: a string)");
    }

    @Test
    void whenTheIntentCannotBeRecordedNothingIsChanged() throws Exception {
        // a directory where the temp file goes: the state file reads (absent) but cannot be written
        Files.createDirectories(
                dir.resolve(CdnHeaderRequirement.STATE_FILE + ".tmp").resolve("in-the-way"));
        CdnHeaderRequirement requirement = requirement();
        Plan plan = requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        assertThatThrownBy(() -> requirement.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(requirement.stateFile().toString())
                .hasMessageNotContaining(SECRET);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(fleet.updates).isEmpty();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void whenWhatIsInPlaceCannotBeRecordedBothPartsAreSetBack() {
        CdnHeaderRequirement requirement = requirement();
        // the disk refuses the last write (the IN_PLACE mark): a directory where the temp file goes
        requirement.checkpoint(step -> {
            if (step.equals("in place")) {
                try {
                    Files.createDirectories(dir.resolve(CdnHeaderRequirement.STATE_FILE + ".tmp")
                            .resolve("in-the-way"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        Outcome outcome = requirement.apply(
                requirement.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "posture");

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.ROLLED_BACK);
        assertThat(outcome.detail())
                .contains("could not record it")
                .contains(requirement.stateFile().toString())
                .contains("everything was set back")
                .doesNotContain(SECRET);
        assertThat(outcome.undoable()).isFalse();
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
    }

    // ------------------------------------------------------------------ fixtures

    private CdnHeaderRequirement requirement() {
        return requirement(journal);
    }

    private CdnHeaderRequirement requirement(AuditJournal journal) {
        return RequirementFixture.requirement(lbs, journal, fleet, ids);
    }

    private List<List<String>> headerValues() {
        return lbs.rules(HTTP_LISTENER).stream()
                .flatMap(r -> r.conditions().stream())
                .filter(c -> c instanceof HttpHeader h && h.name().equals(HEADER))
                .map(c -> ((HttpHeader) c).values())
                .toList();
    }

    private GatePolicy.RequiredHeader gate(String agent) {
        return fleet.configs
                .get(agent)
                .listeners()
                .getFirst()
                .rules()
                .getFirst()
                .policy()
                .gates()
                .requiredHeader();
    }
}
