package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.security.RequirementFixture.HEADER;
import static dev.triage.core.security.RequirementFixture.SECRET;
import static dev.triage.core.security.RequirementFixture.ungated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement.Interrupted;
import dev.triage.core.security.CdnHeaderRequirement.Interrupted.LoadBalancerPart;
import dev.triage.core.security.CdnHeaderRequirement.Outcome;
import dev.triage.core.security.CdnHeaderRequirement.Plan;
import dev.triage.core.security.CdnHeaderRequirement.Status;
import dev.triage.core.security.FakeFleet.ProcessDied;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write-ahead record of "require the CDN header": the process "dies" (an Error nothing catches, standing for kill
 * -9) at each point of an apply; a new requirement over the same files sees the interrupted apply, refuses a new one,
 * and setting it back leaves the load balancer's rules and every agent's config exactly as before.
 */
class CdnHeaderRequirementCrashTest {

    @TempDir
    Path dir;

    private final AtomicInteger ids = new AtomicInteger();
    /** When set, the load balancer makes its next write and then the process dies (inside the change path). */
    private final AtomicBoolean dieAfterNextLoadBalancerWrite = new AtomicBoolean();

    private InMemoryLoadBalancers lbs;
    private LoadBalancers dying;
    private FakeFleet fleet;
    private List<Rule> rulesBefore;
    private Map<String, AgentConfig> agentsBefore;

    @BeforeEach
    void anOpenListenerAndTwoUngatedAgents() {
        lbs = RequirementFixture.openListener();
        dying = (LoadBalancers) Proxy.newProxyInstance(
                LoadBalancers.class.getClassLoader(), new Class<?>[] {LoadBalancers.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(lbs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    boolean write = method.getName().matches("(modify|set|create|delete|add|remove).*");
                    if (write && dieAfterNextLoadBalancerWrite.compareAndSet(true, false)) {
                        throw new ProcessDied("after load balancer call " + method.getName());
                    }
                    return result;
                });
        fleet = new FakeFleet(Map.of("edge-a", ungated(), "edge-b", ungated()));
        rulesBefore = lbs.rules(HTTP_LISTENER);
        agentsBefore = Map.copyOf(fleet.configs);
    }

    @ParameterizedTest(name = "the process dies after step \"{0}\"")
    @ValueSource(strings = {"intent", "load balancer", "agent edge-a", "in place"})
    void anApplyInterruptedAtAnyStepIsShownOnRestartAndSetBackRestoresBothPartsExactly(String step) {
        CdnHeaderRequirement first = requirement();
        Plan plan = first.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));
        first.checkpoint(at -> {
            if (at.equals(step)) {
                throw new ProcessDied("after " + at);
            }
        });

        assertThatThrownBy(() -> first.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(ProcessDied.class);

        // a restart: new journal, requirement and state file reader over the same files
        CdnHeaderRequirement after = requirement();
        List<Interrupted> interrupted = after.interrupted();
        assertThat(interrupted).hasSize(1);
        Interrupted one = interrupted.getFirst();
        assertThat(after.inPlace())
                .as("an interrupted apply is not a requirement in place")
                .isEmpty();
        String words = one.describe();
        assertThat(words)
                .startsWith("require " + HEADER + " on listener " + HTTP_LISTENER + " was interrupted")
                .doesNotContain(SECRET);
        switch (step) {
            case "intent" -> {
                assertThat(one.loadBalancer()).isEqualTo(LoadBalancerPart.NOT_APPLIED);
                assertThat(words).contains("load balancer part not applied, agents edge-a, edge-b not");
            }
            case "load balancer" -> {
                assertThat(one.loadBalancer()).isEqualTo(LoadBalancerPart.APPLIED);
                assertThat(words)
                        .contains("load balancer part applied (journal entry " + one.loadBalancerEntryId() + ")")
                        .endsWith("agents edge-a, edge-b not");
            }
            case "agent edge-a" -> assertThat(words).endsWith("agents edge-a gated, edge-b not");
            default -> assertThat(words).endsWith("agents edge-a, edge-b gated");
        }
        assertThat(Files.exists(after.stateFile())).isTrue();
        assertThat(new String(readBytes(after.stateFile()), StandardCharsets.ISO_8859_1))
                .contains("APPLYING")
                .doesNotContain(SECRET);

        // a new requirement is refused while the interrupted one is there, naming it
        assertThatThrownBy(() -> after.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a")))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("require " + HEADER + " on listener " + HTTP_LISTENER + " was interrupted")
                .hasMessageContaining("set it back first");
        assertThatThrownBy(() -> after.apply(plan, List.of(SECRET), "ops", "again"))
                .isInstanceOf(CoreException.Conflict.class);

        Outcome back = after.setBack(one, "ops", "set back after a crash");

        assertThat(back.status()).as(back.detail()).isEqualTo(Status.DONE);
        assertThat(back.detail()).doesNotContain(SECRET);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(after.interrupted()).isEmpty();
        assertThat(after.inPlace()).isEmpty();

        // and the header can be required again, start to end
        Outcome again = after.apply(
                after.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b")),
                List.of(SECRET),
                "ops",
                "again");
        assertThat(again.status()).as(again.detail()).isEqualTo(Status.DONE);
        assertThat(again.inPlace().applying()).isFalse();
    }

    @Test
    void aLoadBalancerEntryTheRecordDidNotNameYetIsStillFoundAsTheInterruptedRequirementsAndItsUndoSetsBothBack() {
        CdnHeaderRequirement first = requirement();
        Plan plan = first.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));
        // the change path journalled the load balancer part; the process died before the record named it
        first.checkpoint(at -> {
            if (at.equals("load balancer")) {
                throw new ProcessDied("after " + at);
            }
        });
        assertThatThrownBy(() -> first.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(ProcessDied.class);
        AuditJournal journal = journal();
        // the "load balancer" checkpoint runs after the entry is recorded: take it off the record again, as if the
        // process had died just before that write
        String text = new String(readBytes(first.stateFile()), StandardCharsets.UTF_8);
        String entryId = journal.entries().getLast().id();
        writeString(
                first.stateFile(),
                text.replace("\"loadBalancerEntry\" : \"" + entryId + "\"", "\"loadBalancerEntry\" : null"));
        CdnHeaderRequirement after = requirement();
        assertThat(after.interrupted().getFirst().record().loadBalancerEntryId())
                .isNull();
        assertThat(after.interrupted().getFirst().loadBalancer()).isEqualTo(LoadBalancerPart.APPLIED);

        CdnHeaderRequirement.InPlace found =
                CdnHeaderRequirement.recordedFor(journal(), entryId).orElseThrow();
        assertThat(found.applying()).isTrue();
        assertThat(found.undoPreview())
                .contains("agent edge-a: route(s) notes lose the gate where its config shows it")
                .doesNotContain(SECRET);
        Outcome back = after.undo(found, "ops", "undo from the history");

        assertThat(back.status()).as(back.detail()).isEqualTo(Status.DONE);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(after.interrupted()).isEmpty();
    }

    @Test
    void anAgentThatAppliedItsGateButDiedBeforeTheAnswerIsFoundInItsConfigAndSetBack() {
        fleet.dieAfterApplying.add("edge-b");
        CdnHeaderRequirement first = requirement();
        Plan plan = first.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));

        assertThatThrownBy(() -> first.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(ProcessDied.class);
        fleet.dieAfterApplying.clear();
        assertThat(fleet.gateValues("edge-b"))
                .as("edge-b is gated, not recorded")
                .containsExactly(SECRET);

        CdnHeaderRequirement after = requirement();
        Interrupted one = after.interrupted().getFirst();
        assertThat(one.describe()).endsWith("agents edge-a gated, edge-b not");

        Outcome back = after.setBack(one, "ops", "set back");

        assertThat(back.status()).as(back.detail()).isEqualTo(Status.DONE);
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(after.interrupted()).isEmpty();
    }

    @Test
    void aLoadBalancerChangeInterruptedInsideTheChangePathIsRecoveredBySettingBack() {
        CdnHeaderRequirement first = requirement();
        Plan plan = first.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));
        dieAfterNextLoadBalancerWrite.set(true);

        assertThatThrownBy(() -> first.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(ProcessDied.class);
        assertThat(lbs.rules(HTTP_LISTENER)).as("the load balancer was written").isNotEqualTo(rulesBefore);
        AuditJournal reopened = journal();
        assertThat(reopened.incomplete()).hasSize(1);

        CdnHeaderRequirement after = requirement();
        Interrupted one = after.interrupted().getFirst();
        assertThat(one.loadBalancer()).isEqualTo(LoadBalancerPart.UNFINISHED);
        assertThat(one.loadBalancerEntryId())
                .isEqualTo(reopened.incomplete().getFirst().id());
        assertThat(one.describe())
                .contains("load balancer part itself interrupted (journal entry " + one.loadBalancerEntryId())
                .contains("triage recover")
                .endsWith("agents edge-a, edge-b not");

        Outcome back = after.setBack(one, "ops", "set back");

        assertThat(back.status()).as(back.detail()).isEqualTo(Status.DONE);
        assertThat(back.detail()).contains("recovered the interrupted change(s) " + one.loadBalancerEntryId());
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(fleet.updates).as("the agents were never touched").isEmpty();
        assertThat(journal().incomplete()).isEmpty();
        assertThat(after.interrupted()).isEmpty();
    }

    @Test
    void anAgentThatCannotBeReadWhenSettingBackKeepsTheRecordInterruptedForTheNextTry() {
        CdnHeaderRequirement first = requirement();
        Plan plan = first.plan(HTTP_LISTENER, HEADER, List.of(SECRET), List.of("edge-a", "edge-b"));
        first.checkpoint(at -> {
            if (at.equals("agent edge-a")) {
                throw new ProcessDied("after " + at);
            }
        });
        assertThatThrownBy(() -> first.apply(plan, List.of(SECRET), "ops", "posture"))
                .isInstanceOf(ProcessDied.class);
        fleet.unreadable.add("edge-b");
        CdnHeaderRequirement after = requirement();
        Outcome partly = after.setBack(after.interrupted().getFirst(), "ops", "set back");

        assertThat(partly.status()).as(partly.detail()).isEqualTo(Status.PARTIAL);
        assertThat(partly.detail())
                .contains("agent edge-b: cannot read its config")
                .contains("still interrupted");
        assertThat(lbs.rules(HTTP_LISTENER)).isEqualTo(rulesBefore);
        assertThat(fleet.configs.get("edge-a")).isEqualTo(agentsBefore.get("edge-a"));
        Interrupted rest = after.interrupted().getFirst();
        assertThat(rest.loadBalancer()).isEqualTo(LoadBalancerPart.NOT_APPLIED);
        assertThat(rest.record().planned()).containsOnlyKeys("edge-b");

        fleet.unreadable.clear();
        Outcome done = requirement().setBack(rest, "ops", "again");

        assertThat(done.status()).as(done.detail()).isEqualTo(Status.DONE);
        assertThat(fleet.configs).isEqualTo(agentsBefore);
        assertThat(after.interrupted()).isEmpty();
    }

    @Test
    void aRecordWrittenBeforeThereWasAStatusReadsAsInPlace() throws Exception {
        Files.writeString(dir.resolve(CdnHeaderRequirement.STATE_FILE), """
                {"version":1,"requirements":[{"id":"e1","listener":"l","header":"X-Origin-Verify",
                "loadBalancerEntry":"e1","gated":{"edge-a":["notes"]},"updated":"2026-11-22T10:00:00Z"}]}
                """);

        CdnHeaderRequirement requirement = requirement();

        assertThat(requirement.interrupted()).isEmpty();
        assertThat(requirement.inPlace()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CdnHeaderRequirement.RecordStatus.IN_PLACE);
            assertThat(r.loadBalancerEntryId()).isEqualTo("e1");
            assertThat(r.gated()).isEqualTo(Map.of("edge-a", Set.of("notes")));
        });
    }

    // ------------------------------------------------------------------ fixtures

    private AuditJournal journal() {
        return new AuditJournal(dir.resolve("journal.jsonl"));
    }

    private CdnHeaderRequirement requirement() {
        AuditJournal journal = journal();
        return RequirementFixture.requirement(dying, journal, fleet, ids);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
