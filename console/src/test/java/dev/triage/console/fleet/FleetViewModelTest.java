package dev.triage.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.HedgePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.console.fx.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetViewModelTest {

    private static final RetryPolicy EDGE_RETRY =
            new RetryPolicy(3, 900, 1200, 50, 500, List.of(RetryPolicy.CONNECT_FAILURE), false, null, null, false, 0);
    private static final RetryPolicy READS_RETRY = new RetryPolicy(8, 80, 600, 1, 40, null, true, null, null, false, 0);
    private static final RoutePolicy READS =
            new RoutePolicy(READS_RETRY, new HedgePolicy(30, 1), new CachePolicy(300, 3000, 8000, false, 0), null);

    private FakeFleet fleet;
    private FleetViewModel vm;

    @BeforeEach
    void setUp() {
        fleet = new FakeFleet()
                .agent(
                        "edge",
                        "edge",
                        config("edge-1", rule("all", 100, new RoutePolicy(EDGE_RETRY, null, null, null))))
                .agent(
                        "node-1",
                        "node",
                        config("hosp-default-1", rule("writes", 10, RoutePolicy.NONE), rule("reads", 20, READS)))
                .agent(
                        "node-2",
                        "node",
                        config("hosp-default-1", rule("writes", 10, RoutePolicy.NONE), rule("reads", 20, READS)));
        vm = new FleetViewModel(
                fleet, Tasks.direct(), Clock.fixed(Instant.parse("2025-01-01T10:00:00Z"), ZoneOffset.UTC));
        vm.refresh();
    }

    @Test
    void showsEveryAgentWithVersionsAndTraffic() {
        assertThat(vm.agents()).extracting(AgentRow::name).containsExactly("edge", "node-1", "node-2");
        AgentRow node = vm.agents().get(1);
        assertThat(node.health()).isEqualTo("up");
        assertThat(node.configVersion()).isEqualTo("hosp-default-1");
        assertThat(node.agentVersion()).isEqualTo("0.1.0");
        assertThat(node.drift()).isEqualTo("none desired yet");
        assertThat(node.requestsPerSecond()).isEqualTo("4.3");
        assertThat(node.success()).isEqualTo("99.5%");
        assertThat(node.cacheHits()).isEqualTo("50%");
        assertThat(vm.staleProperty().get()).isEmpty();
    }

    @Test
    void theFormShowsTheFirstRoutesPolicyAndTargetsTheAgentsRunningIt() {
        assertThat(vm.routes()).containsExactly("all", "writes", "reads");
        assertThat(vm.routeProperty().get()).isEqualTo("all");
        assertThat(vm.field(PolicyForm.Field.RETRY_ATTEMPTS).get()).isEqualTo("3");
        assertThat(vm.section(PolicyForm.Section.HEDGE).get()).isFalse();
        assertThat(vm.targets()).containsExactly("edge");

        vm.routeProperty().set("reads");

        assertThat(vm.field(PolicyForm.Field.HEDGE_DELAY).get()).isEqualTo("30");
        assertThat(vm.field(PolicyForm.Field.CACHE_SWR).get()).isEqualTo("3000");
        assertThat(vm.targets()).containsExactlyInAnyOrder("node-1", "node-2");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void anEditIsValidatedAsTypedWithTheAgentsOwnRules() {
        vm.routeProperty().set("reads");

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("11");
        assertThat(vm.problems()).containsExactly("retry.maxAttempts: 11 (expected: 1..10)");
        assertThat(vm.pendingProperty().get()).isNull();

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("x");
        assertThat(vm.problems()).containsExactly("retry.maxAttempts: 'x' (expected: a whole number)");
        assertThat(fleet.validated).isEmpty();

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");
        vm.field(PolicyForm.Field.HEDGE_DELAY).set("90");
        assertThat(vm.problems()).containsExactly("hedge.delayMs: 90 (expected: less than retry.perTryTimeoutMs (80))");
    }

    @Test
    void aValidEditIsCheckedByTheAgentsThenOfferedWithWhatAndToWhom() {
        vm.routeProperty().set("reads");

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");

        assertThat(vm.problems()).isEmpty();
        assertThat(fleet.validated).containsExactly("node-1", "node-2");
        FleetViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending.title()).isEqualTo("Push route reads to node-1, node-2");
        assertThat(pending.preview())
                .contains("retry.maxAttempts: 8 -> 5")
                .contains("rolling")
                .contains("node-1 hosp-default-1 -> hosp-default-2")
                .contains("accepted by node-1, node-2");
        assertThat(fleet.updates).isZero();
    }

    @Test
    void anAgentThatRejectsTheConfigIsShownAndNothingIsOffered() {
        fleet.rejects("node-2", new ConfigError("listeners[0].rules[1].policy.cache.ttlMs", "300", "something else"));
        vm.routeProperty().set("reads");

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");

        assertThat(vm.problems()).containsExactly("node-2 rejects cache.ttlMs: 300 (expected: something else)");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void confirmingPushesToEachAgentAndShowsItsOutcomeAndNewVersion() {
        vm.routeProperty().set("reads");
        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");

        vm.confirm();

        assertThat(fleet.running("node-1").version()).isEqualTo("hosp-default-2");
        assertThat(FleetEdit.policyIn(fleet.running("node-2"), "reads")
                        .orElseThrow()
                        .retry()
                        .maxAttempts())
                .isEqualTo(5);
        assertThat(FleetEdit.policyIn(fleet.running("node-2"), "reads")
                        .orElseThrow()
                        .retry()
                        .retryOn())
                .isEqualTo(READS_RETRY.retryOn());
        assertThat(vm.messageProperty().get().tone()).isEqualTo(FleetViewModel.Tone.SUCCESS);
        assertThat(vm.agents())
                .extracting(AgentRow::outcome)
                .containsExactly("not in this push", "applied: hosp-default-2", "applied: hosp-default-2");
        assertThat(vm.agents())
                .extracting(AgentRow::configVersion)
                .containsExactly("edge-1", "hosp-default-2", "hosp-default-2");
        assertThat(vm.agents().get(1).drift()).isEqualTo("in sync");
        assertThat(vm.field(PolicyForm.Field.RETRY_ATTEMPTS).get()).isEqualTo("5");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void aRollingPushStopsAtTheFirstFailureAndSkipsTheRest() {
        vm.routeProperty().set("reads");
        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");
        fleet.down("node-1", true);

        vm.confirm();

        assertThat(vm.agents().get(1).outcome()).startsWith("failed: ").contains("connection refused");
        assertThat(vm.agents().get(2).outcome()).isEqualTo("skipped: an earlier agent failed");
        assertThat(fleet.running("node-2").version()).isEqualTo("hosp-default-1");
        assertThat(vm.messageProperty().get().text())
                .startsWith("Applied to 0 of 2 agents; failed: node-1")
                .endsWith("skipped: node-2.");
    }

    @Test
    void allAtOnceTriesEveryAgent() {
        vm.routeProperty().set("reads");
        vm.rollingProperty().set(false);
        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");
        fleet.down("node-1", true);

        vm.confirm();

        assertThat(vm.agents().get(2).outcome()).isEqualTo("applied: hosp-default-2");
        assertThat(fleet.running("node-2").version()).isEqualTo("hosp-default-2");
    }

    @Test
    void anAgentWithoutTheRouteCannotBeChosen() {
        vm.routeProperty().set("reads");
        vm.targets().add("edge");

        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("5");

        assertThat(vm.problems()).containsExactly("edge has no route reads");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void anAgentThatStopsAnsweringKeepsItsLastNumbersMarkedStale() {
        fleet.down("node-2", true);

        vm.refresh();

        AgentRow node = vm.agents().get(2);
        assertThat(node.stale()).isTrue();
        assertThat(vm.routeInfoProperty().get()).contains("Configs not read: node-2");
        assertThat(node.health()).startsWith("not answering since ").endsWith(": connection refused");
        assertThat(node.configVersion()).isEqualTo("hosp-default-1");
        assertThat(node.requestsPerSecond()).isEqualTo("4.3");
        assertThat(vm.staleProperty().get()).contains("node-2");
    }

    @Test
    void anAgentThatWasDownAtTheFirstReadGetsItsConfigReadOnceItAnswers() {
        fleet.down("node-2", true);
        vm.refresh();
        vm.routeProperty().set("reads");
        assertThat(vm.targets()).containsExactly("node-1");

        fleet.down("node-2", false);
        vm.show(fleet.agents()); // a poll, not a refresh: only the missing config is read

        assertThat(vm.targets()).containsExactly("node-1", "node-2");
        assertThat(vm.routeInfoProperty().get()).isEqualTo("Route reads runs on node-1, node-2");
    }

    @Test
    void cancelPutsTheFormBackToWhatTheRouteRuns() {
        vm.field(PolicyForm.Field.RETRY_ATTEMPTS).set("4");
        assertThat(vm.pendingProperty().get()).isNotNull();

        vm.cancel();

        assertThat(vm.field(PolicyForm.Field.RETRY_ATTEMPTS).get()).isEqualTo("3");
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void switchingASectionOnStartsFromDefaultsAndIsChecked() {
        vm.section(PolicyForm.Section.CACHE).set(true);

        assertThat(vm.pendingProperty().get().preview()).contains("cache: on").contains("cache.ttlMs: 30000");
    }

    @Test
    void versionsMoveOnByTheirTrailingNumber() {
        assertThat(FleetEdit.nextVersion("hosp-default-1")).isEqualTo("hosp-default-2");
        assertThat(FleetEdit.nextVersion("v9")).isEqualTo("v10");
        assertThat(FleetEdit.nextVersion("stable")).isEqualTo("stable-2");
    }

    private static Rule rule(String name, int priority, RoutePolicy policy) {
        return new Rule(
                name,
                priority,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/" + name + "/*"), null)),
                dev.triage.agent.api.config.Action.forwardTo("hosp"),
                policy);
    }

    private static AgentConfig config(String version, Rule... rules) {
        return new AgentConfig(
                version,
                List.of(new Listener(
                        "traffic",
                        Listener.HTTP,
                        "127.0.0.1",
                        8080,
                        List.of(rules),
                        dev.triage.agent.api.config.Action.forwardTo("hosp"))),
                List.of(new TargetGroup("hosp", List.of(new TargetGroup.Target("127.0.0.1", 9000)), 0, 0, 0, null)),
                null,
                null);
    }
}
