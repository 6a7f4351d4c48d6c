package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fleet.FakeFleet;
import dev.triage.console.fx.Tasks;
import dev.triage.console.security.RotationViewModel.Command;
import dev.triage.console.security.RotationViewModel.Part;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.RotationState.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotation panel over an in-memory load balancer and fleet, with core's rotation and journal. */
class RotationViewModelTest {

    private static final String HEADER = RotationViewModel.DEFAULT_HEADER;
    private static final String OLD = "old-Secret-4c1e90";
    private static final String NEW = "new-Secret-b7d233";

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = MemoryLoadBalancers.create();
    private final FakeFleet fleet =
            new FakeFleet().agent("edge-a", "edge", gated(OLD)).agent("edge-b", "edge", gated(OLD));
    private final Tasks tasks = Tasks.direct();
    private AuditJournal journal;
    private RotationViewModel vm;

    @BeforeEach
    void requireTheOldValue() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        new ChangeApplier(lb, journal)
                .apply(
                        new ChangePlanner(lb).requireHeader(EdgeLoadBalancers.LISTENER, HEADER, List.of(OLD)),
                        "ops",
                        "require");
        vm = open();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    private RotationViewModel open() {
        RotationViewModel opened = new RotationViewModel(lb, fleet, journal, tasks, "oncall");
        opened.reload();
        return opened;
    }

    @Test
    void findsTheListenersRequiringTheHeaderAndTheFleetsAgents() {
        assertThat(vm.listeners()).containsExactly(EdgeLoadBalancers.LISTENER);
        assertThat(vm.agents()).containsExactly("edge-a", "edge-b");
        assertThat(vm.parts()).extracting(Part::status).containsOnly("in scope");
        assertThat(vm.stageTextProperty().get()).isEqualTo("No rotation yet.");

        vm.headerNameProperty().set("X-Other");
        vm.reload();
        assertThat(vm.listeners()).isEmpty();

        type();
        vm.run(Command.START);
        assertThat(vm.stateProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).contains("listeners: none");
    }

    @Test
    void onlyTheCommandsTheStageAllowsAreEnabled() {
        assertThat(enabled()).containsExactly(Command.START);
        type();
        vm.run(Command.START);
        assertThat(enabled()).containsExactly(Command.OVERLAP);
        vm.run(Command.OVERLAP);
        assertThat(enabled()).containsExactly(Command.CONFIRM, Command.ABORT);
        vm.run(Command.CONFIRM);
        assertThat(enabled()).containsExactly(Command.RETIRE);
        vm.run(Command.RETIRE);
        assertThat(enabled()).containsExactly(Command.FINISH);
        vm.run(Command.FINISH);
        assertThat(enabled()).containsExactly(Command.START);

        // A command the stage does not allow is refused even when called directly.
        vm.run(Command.RETIRE);
        assertThat(vm.messageProperty().get().text()).isEqualTo("Retire is not possible at this stage.");
    }

    @Test
    void aFullRunChangesTheRuleConditionsAndTheGatesStageByStage() {
        type();
        vm.run(Command.START);
        assertThat(vm.stateProperty().get().stage()).isEqualTo(Stage.START);
        assertThat(ruleValues()).containsExactly(OLD);

        vm.run(Command.OVERLAP);
        assertThat(ruleValues()).containsExactly(OLD, NEW);
        assertThat(gateValues("edge-a")).containsExactly(OLD, NEW);
        assertThat(vm.parts()).allSatisfy(p -> assertThat(p.status()).isEqualTo("done (OVERLAP)"));
        assertThat(vm.instructionProperty().get()).contains("Switch the CDN to send the new value");
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.SUCCESS);

        vm.run(Command.CONFIRM);
        assertThat(vm.instructionProperty().get()).isEmpty();
        assertThat(vm.stageTextProperty().get()).contains("the CDN is confirmed switched");

        vm.run(Command.RETIRE);
        assertThat(ruleValues()).containsExactly(NEW);
        assertThat(gateValues("edge-a")).containsExactly(NEW);
        assertThat(gateValues("edge-b")).containsExactly(NEW);

        vm.run(Command.FINISH);
        assertThat(vm.stateProperty().get().stage()).isEqualTo(Stage.DONE);
        assertThat(vm.stageTextProperty().get())
                .isEqualTo("Last rotation of X-Origin-Verify: DONE. A new one may start.");
    }

    @Test
    void aHalfDoneOverlapShowsWhatIsLeftAfterARestartAndARetryFinishesIt() {
        fleet.down("edge-b", true);
        type();
        vm.run(Command.START);
        vm.run(Command.OVERLAP);

        assertThat(vm.stateProperty().get().complete()).isFalse();
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text()).startsWith("Not everywhere yet;");
        assertThat(enabled()).containsExactly(Command.OVERLAP, Command.ABORT);
        assertThat(vm.instructionProperty().get()).isEmpty();

        RotationViewModel reopened = open(); // as after a restart: only the state file
        assertThat(reopened.stateProperty().get().stage()).isEqualTo(Stage.OVERLAP);
        assertThat(reopened.stageTextProperty().get())
                .startsWith("X-Origin-Verify: OVERLAP (incomplete): 1 of 1 listener(s), 1 of 2 agent(s)");
        assertThat(reopened.parts())
                .containsExactly(
                        new Part("listener", EdgeLoadBalancers.LISTENER, true, "done (OVERLAP)"),
                        new Part("agent", "edge-a", true, "done (OVERLAP)"),
                        reopened.parts().get(2));
        Part left = reopened.parts().get(2);
        assertThat(left.done()).isFalse();
        assertThat(left.status()).startsWith("left: ").contains("connection refused");
        assertThat(reopened.messageProperty().get().text()).contains("type both values again");

        fleet.down("edge-b", false);
        reopened.oldValueProperty().set(OLD);
        reopened.newValueProperty().set(NEW);
        reopened.run(Command.OVERLAP);
        assertThat(reopened.stateProperty().get().complete()).isTrue();
        assertThat(gateValues("edge-b")).containsExactly(OLD, NEW);
        assertThat(reopened.enabledProperty(Command.CONFIRM).get()).isTrue();
    }

    @Test
    void abortGoesBackToTheOldValue() {
        type();
        vm.run(Command.START);
        vm.run(Command.OVERLAP);
        vm.run(Command.ABORT);
        assertThat(ruleValues()).containsExactly(OLD);
        assertThat(gateValues("edge-a")).containsExactly(OLD);
        assertThat(enabled()).containsExactly(Command.START);
    }

    @Test
    void aReadOnlyProfileRefusesEveryStageAndAProtectedOneAsksForItsName() {
        type();
        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));
        assertThat(enabled()).isEmpty();
        vm.run(Command.START);
        assertThat(vm.stateProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).startsWith("Not applied: Read-only profile prod");
        assertThat(Files.exists(dir.resolve("cdn-secret-rotation.json"))).isFalse();

        vm.guard().policy(WritePolicy.of(WritePolicy.Mode.PROTECTED, "prod"));
        vm.run(Command.START);
        assertThat(vm.stateProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Not applied: Protected profile prod: type its name to confirm this write.");
        vm.guard().typedProperty().set("prod");
        vm.run(Command.START);
        assertThat(vm.stateProperty().get().stage()).isEqualTo(Stage.START);
    }

    @Test
    void theValuesNeverAppearInAnyDisplayedText() {
        List<String> shown = new ArrayList<>();
        vm.messageProperty().subscribe(m -> shown.add(m.text()));
        vm.stageTextProperty().subscribe(t -> shown.add(t));
        vm.instructionProperty().subscribe(t -> shown.add(t));
        type();
        vm.run(Command.START);
        collectParts(shown);
        fleet.down("edge-b", true);
        vm.run(Command.OVERLAP);
        collectParts(shown);
        vm.newValueProperty().set("wrong-" + NEW); // a mismatch: refused by core, message shown
        vm.run(Command.OVERLAP);
        vm.newValueProperty().set(NEW);
        fleet.down("edge-b", false);
        vm.run(Command.OVERLAP);
        vm.run(Command.CONFIRM);
        vm.run(Command.RETIRE);
        collectParts(shown);
        vm.run(Command.FINISH);
        vm.headerNameProperty().set(HEADER);
        vm.oldValueProperty().set(NEW);
        vm.newValueProperty().set(NEW); // equal values: refused at start
        vm.run(Command.START);

        assertThat(shown).anySatisfy(t -> assertThat(t).contains("not the one given at start"));
        assertThat(shown).anySatisfy(t -> assertThat(t).contains("the same as the old"));
        assertThat(shown).anySatisfy(t -> assertThat(t).contains("connection refused"));
        assertThat(shown).allSatisfy(t -> assertThat(t).doesNotContain(OLD).doesNotContain(NEW));
    }

    @Test
    void generateMakes32RandomBytesBase64url() {
        vm.generate();
        String first = vm.newValueProperty().get();
        vm.generate();
        assertThat(first)
                .matches("[A-Za-z0-9_-]{43}")
                .isNotEqualTo(vm.newValueProperty().get());
        assertThat(Base64.getUrlDecoder().decode(first)).hasSize(32);
    }

    @Test
    void aStageWithoutItsValuesAsksForThem() {
        vm.run(Command.START);
        assertThat(vm.messageProperty().get().text()).isEqualTo("Type the old and the new value first.");
        assertThat(vm.stateProperty().get()).isNull();
    }

    private void collectParts(List<String> shown) {
        vm.parts().forEach(p -> shown.addAll(List.of(p.kind(), p.name(), p.status())));
    }

    private void type() {
        vm.oldValueProperty().set(OLD);
        vm.newValueProperty().set(NEW);
    }

    private Set<Command> enabled() {
        Set<Command> out = EnumSet.noneOf(Command.class);
        for (Command c : Command.values()) {
            if (vm.enabledProperty(c).get()) {
                out.add(c);
            }
        }
        return out;
    }

    private List<String> ruleValues() {
        Rule rule = lb.rules(EdgeLoadBalancers.LISTENER).stream()
                .filter(r -> r.arn().equals(EdgeLoadBalancers.RULE))
                .findFirst()
                .orElseThrow();
        return rule.conditions().stream()
                .flatMap(c -> c instanceof HttpHeader h ? Stream.of(h) : Stream.empty())
                .findFirst()
                .orElseThrow()
                .values();
    }

    private List<String> gateValues(String agent) {
        return fleet.running(agent)
                .listeners()
                .getFirst()
                .rules()
                .getFirst()
                .policy()
                .gates()
                .requiredHeader()
                .values();
    }

    private static AgentConfig gated(String value) {
        dev.triage.agent.api.config.Rule notes = new dev.triage.agent.api.config.Rule(
                "notes",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/patients/*"), null)),
                Action.forwardTo("hosp"),
                new RoutePolicy(
                        null,
                        null,
                        null,
                        new GatePolicy(new GatePolicy.RequiredHeader(HEADER, List.of(value)), false, 0, null)));
        return new AgentConfig(
                "v1",
                List.of(new Listener(
                        "edge", Listener.HTTP, "127.0.0.1", 8080, List.of(notes), Action.forwardTo("hosp"))),
                List.of(new TargetGroup("hosp", List.of(new TargetGroup.Target("127.0.0.1", 9000)), 0, 0, 0, null)),
                null,
                null);
    }
}
