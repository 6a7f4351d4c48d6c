package dev.triage.core.security;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.RotationState.Stage;
import java.nio.charset.StandardCharsets;
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

class CdnSecretRotationTest {

    private static final String HEADER = "X-Cdn-Secret";
    private static final String OLD = "old-Secret-4c1e90";
    private static final String NEW = "new-Secret-b7d233";

    @TempDir
    Path dir;

    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryLoadBalancers lbs;
    private FakeFleet fleet;
    private AuditJournal journal;
    private Rule api;
    private Rule web;

    @BeforeEach
    void requireTheOldValue() {
        lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
        api = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Samples.split(90, 10)));
        web = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(20), List.of(PathPattern.of("/web/*")), List.of(Samples.split(100, 0)));
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        applier().apply(planner().requireHeader(HTTP_LISTENER, HEADER, List.of(OLD)), "ops", "require");
        fleet = new FakeFleet(Map.of("edge-a", gated(OLD), "edge-b", gated(OLD)));
    }

    @Test
    void overlapAcceptsBothValuesEverywhereThenRetireLeavesOnlyTheNewAndNoSecretIsOnDisk() throws Exception {
        CdnSecretRotation rotation = rotation();
        RotationState started = rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a", "edge-b"), OLD, NEW);
        assertThat(started.stage()).isEqualTo(Stage.START);
        assertThat(headerValues()).allSatisfy(values -> assertThat(values).containsExactly(OLD));

        RotationState overlap = rotation.overlap(OLD, NEW, "ops");

        assertThat(overlap.stage()).isEqualTo(Stage.OVERLAP);
        assertThat(overlap.complete()).as(overlap.summary()).isTrue();
        assertThat(headerValues())
                .hasSize(3)
                .allSatisfy(values -> assertThat(values).containsExactly(OLD, NEW));
        assertThat(fleet.gateValues("edge-a")).containsExactly(OLD, NEW);
        assertThat(fleet.gateValues("edge-b")).containsExactly(OLD, NEW);
        assertThat(overlap.journalEntries()).hasSize(1);
        assertThatThrownBy(() -> rotation.retire(NEW, "ops"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("OVERLAP (complete)");

        rotation.confirmCdnSwitched();
        RotationState retired = rotation.retire(NEW, "ops");

        assertThat(retired.stage()).isEqualTo(Stage.RETIRED);
        assertThat(retired.complete()).as(retired.summary()).isTrue();
        assertThat(headerValues())
                .hasSize(3)
                .allSatisfy(values -> assertThat(values).containsExactly(NEW));
        assertThat(fleet.gateValues("edge-a")).containsExactly(NEW);
        assertThat(fleet.gateValues("edge-b")).containsExactly(NEW);
        assertThat(rotation.finish().stage()).isEqualTo(Stage.DONE);
        assertThat(rotation.state().orElseThrow().closed()).isTrue();

        for (Path file : List.of(journal.file(), rotation.stateFile())) {
            String raw = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertThat(raw).as(file.toString()).doesNotContain(OLD).doesNotContain(NEW);
        }
        assertThat(Files.readString(rotation.stateFile()))
                .contains(journal.digests().digest(NEW));
    }

    @Test
    void abortFromTheOverlapGoesBackToTheOldValueOnlyAndIsRefusedOnceTheCdnSwitched() {
        CdnSecretRotation rotation = rotation();
        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a", "edge-b"), OLD, NEW);
        rotation.overlap(OLD, NEW, "ops");

        RotationState aborted = rotation.abort(OLD, "ops");

        assertThat(aborted.stage()).isEqualTo(Stage.ABORTED);
        assertThat(aborted.complete()).as(aborted.summary()).isTrue();
        assertThat(headerValues()).allSatisfy(values -> assertThat(values).containsExactly(OLD));
        assertThat(fleet.gateValues("edge-a")).containsExactly(OLD);
        assertThat(fleet.gateValues("edge-b")).containsExactly(OLD);

        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a"), OLD, NEW);
        rotation.overlap(OLD, NEW, "ops");
        rotation.confirmCdnSwitched();
        assertThatThrownBy(() -> rotation.abort(OLD, "ops"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("CDN switched");
        assertThat(headerValues()).allSatisfy(values -> assertThat(values).containsExactly(OLD, NEW));
    }

    @Test
    void aFailedAgentLeavesTheOverlapIncompleteWithWhatIsLeftAndARetryFinishesOnlyThat() {
        CdnSecretRotation rotation = rotation();
        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a", "edge-b"), OLD, NEW);
        fleet.failing.add("edge-b");

        RotationState partial = rotation.overlap(OLD, NEW, "ops");

        assertThat(partial.stage()).isEqualTo(Stage.OVERLAP);
        assertThat(partial.complete()).isFalse();
        assertThat(partial.listenersLeft()).isEmpty();
        assertThat(partial.agentsDone()).containsExactly("edge-a");
        assertThat(partial.agentsLeft()).containsOnlyKeys("edge-b");
        assertThat(partial.agentsLeft().get("edge-b")).contains("edge-b is unavailable");
        assertThat(partial.summary()).contains("1 of 2 agent(s)").contains("agent edge-b (");
        assertThat(fleet.gateValues("edge-b")).containsExactly(OLD);
        assertThatThrownBy(rotation::confirmCdnSwitched).isInstanceOf(CoreException.Invalid.class);
        // After a restart the state file says the same.
        assertThat(rotation().state()).contains(partial);

        fleet.failing.clear();
        fleet.updates.clear();
        RotationState retried = rotation().overlap(OLD, NEW, "ops");

        assertThat(retried.complete()).as(retried.summary()).isTrue();
        assertThat(fleet.updates).containsExactly(List.of("edge-b"));
        assertThat(fleet.gateValues("edge-b")).containsExactly(OLD, NEW);
        assertThat(retried.journalEntries()).isEqualTo(partial.journalEntries());
    }

    @Test
    void valuesOtherThanTheOnesGivenAtStartAreRefusedWithNothingChanged() {
        CdnSecretRotation rotation = rotation();
        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of("edge-a"), OLD, NEW);

        assertThatThrownBy(() -> rotation.overlap(OLD, "typo-" + NEW, "ops"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("new value: not the one given at start");
        assertThatThrownBy(() -> rotation.start(HEADER, List.of(HTTP_LISTENER), List.of(), OLD, NEW))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("START (expected: DONE or ABORTED");
        assertThat(headerValues()).allSatisfy(values -> assertThat(values).containsExactly(OLD));
        assertThat(fleet.updates).isEmpty();
    }

    @Test
    void theStateFileRoundTripsAndHoldsDigestsOnly() {
        RotationState state = new RotationState(
                HEADER,
                Stage.OVERLAP,
                false,
                journal.digests().digest(OLD),
                journal.digests().digest(NEW),
                false,
                List.of(HTTP_LISTENER),
                List.of("edge-a", "edge-b"),
                Map.of(),
                Map.of("edge-b", "edge-b is unavailable"),
                List.of("entry-3"),
                Instant.parse("2026-11-22T10:00:00Z"));

        String json = RotationStateFile.toJson(state);

        assertThat(RotationStateFile.fromJson(json)).isEqualTo(state);
        assertThat(json).doesNotContain(OLD).doesNotContain(NEW).contains("hmac-sha256:");
        RotationStateFile file = new RotationStateFile(dir.resolve("state.json"));
        file.write(state);
        assertThat(file.read()).contains(state);
        assertThat(dir.resolve("state.json.tmp")).doesNotExist();
    }

    @Test
    void undoOfTheOverlapPlanGoesBackToTheOldValueOnlyThroughTheJournal() {
        CdnSecretRotation rotation = rotation();
        rotation.start(HEADER, List.of(HTTP_LISTENER), List.of(), OLD, NEW);
        RotationState overlap = rotation.overlap(OLD, NEW, "ops");

        applier().undo(overlap.journalEntries().getFirst(), "ops", "back");

        assertThat(headerValues()).allSatisfy(values -> assertThat(values).containsExactly(OLD));
    }

    // ------------------------------------------------------------------ fixtures

    private CdnSecretRotation rotation() {
        return new CdnSecretRotation(
                lbs,
                planner(),
                applier(),
                fleet,
                journal,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    private ChangePlanner planner() {
        return new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
    }

    private ChangeApplier applier() {
        return new ChangeApplier(
                lbs,
                planner(),
                journal,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                duration -> {},
                new ChangeApplier.Verify(1, Duration.ZERO, Duration.ZERO),
                () -> "entry-" + ids.incrementAndGet());
    }

    /** The values of every http-header condition on the header, rule by rule. */
    private List<List<String>> headerValues() {
        return lbs.rules(HTTP_LISTENER).stream()
                .flatMap(r -> r.conditions().stream())
                .filter(c -> c instanceof HttpHeader h && h.name().equals(HEADER))
                .map(c -> ((HttpHeader) c).values())
                .toList();
    }

    private static AgentConfig gated(String value) {
        dev.triage.agent.api.config.Rule notes = new dev.triage.agent.api.config.Rule(
                "notes",
                10,
                List.of(),
                Action.forwardTo("legacy"),
                new RoutePolicy(
                        null,
                        null,
                        null,
                        new GatePolicy(new GatePolicy.RequiredHeader(HEADER, List.of(value)), false, 0, null)));
        return new AgentConfig(
                "v1",
                List.of(new Listener("edge", "HTTP", "127.0.0.1", 0, List.of(notes), Action.forwardTo("legacy"))),
                List.of(),
                null,
                null);
    }
}
