package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement.Outcome;
import dev.triage.core.security.CdnHeaderRequirement.Plan;
import dev.triage.core.security.CdnHeaderRequirement.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnHeaderRequirementTest {

    private static final String HEADER = "X-Origin-Verify";
    private static final String SECRET = "cdn-Secret-91f0aa";

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
        lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
        lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(90, 10)));
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
        assertThat(partial.loadBalancerEntry())
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

    // ------------------------------------------------------------------ fixtures

    private CdnHeaderRequirement requirement() {
        ChangePlanner planner = new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
        ChangeApplier applier = new ChangeApplier(
                lbs,
                planner,
                journal,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                duration -> {},
                new ChangeApplier.Verify(1, Duration.ZERO, Duration.ZERO),
                () -> "entry-" + ids.incrementAndGet());
        return new CdnHeaderRequirement(planner, applier, fleet);
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

    private static AgentConfig ungated() {
        var notes = new dev.triage.agent.api.config.Rule(
                "notes", 10, List.of(), Action.forwardTo("legacy"), RoutePolicy.NONE);
        var closed = new dev.triage.agent.api.config.Rule(
                "closed", 20, List.of(), Action.fixed(404, "text/plain", "gone"), RoutePolicy.NONE);
        return new AgentConfig(
                "v1",
                List.of(new Listener(
                        "edge", "HTTP", "127.0.0.1", 0, List.of(notes, closed), Action.forwardTo("legacy"))),
                List.of(),
                null,
                null);
    }
}
