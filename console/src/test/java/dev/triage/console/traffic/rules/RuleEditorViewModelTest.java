package dev.triage.console.traffic.rules;

import static dev.triage.console.EdgeLoadBalancers.DEFAULT_RULE;
import static dev.triage.console.EdgeLoadBalancers.LEGACY;
import static dev.triage.console.EdgeLoadBalancers.LISTENER;
import static dev.triage.console.EdgeLoadBalancers.REPLACEMENT;
import static dev.triage.console.EdgeLoadBalancers.RULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.connection.WriteGuard;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule editor over a fake load balancer and a real journal, without JavaFX running. */
class RuleEditorViewModelTest {

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lb = RulesLoadBalancers.create();
    private final Tasks tasks = Tasks.direct();
    private final WriteGuard guard = new WriteGuard();
    private final List<AuditEntry> applied = new ArrayList<>();
    private AuditJournal journal;
    private RuleEditorViewModel vm;

    @BeforeEach
    void open() {
        journal = new AuditJournal(dir.resolve("journal.jsonl"));
        vm = new RuleEditorViewModel(
                new ChangePlanner(lb), new ChangeApplier(lb, journal), tasks, "oncall", guard, applied::add);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    private RuleEditorViewModel.Context context(Rule rule) {
        return new RuleEditorViewModel.Context(
                LISTENER,
                "HTTP :80 of edge",
                Protocol.HTTP,
                lb.rules(LISTENER),
                List.of(
                        new RuleEditorViewModel.Group("legacy", LEGACY),
                        new RuleEditorViewModel.Group("replacement", REPLACEMENT)),
                rule);
    }

    private RuleForm form() {
        return vm.formProperty().get();
    }

    private void typeMaintenanceRule() {
        form().conditions().getFirst().valuesProperty().set("/api/v1/notes*");
        form().addCondition(ConditionType.HTTP_REQUEST_METHOD);
        form().conditions().get(1).valuesProperty().set("POST");
        form().action().typeProperty().set(ActionForm.Type.FIXED_RESPONSE);
        form().action().fixed().bodyProperty().set("maintenance");
    }

    @Test
    void aNewRuleIsPreviewedAppliedVerifiedAndTheEditorCloses() {
        vm.open(context(null));
        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.validProperty().get()).isFalse();
        typeMaintenanceRule();
        assertThat(vm.validProperty().get()).isTrue();

        vm.preview();
        RuleEditorViewModel.Pending pending = vm.pendingProperty().get();
        assertThat(pending.title()).isEqualTo("Add rule 1 to HTTP :80 of edge");
        assertThat(pending.preview()).contains("CreateRule");
        assertThat(lb.rules(LISTENER)).hasSize(2);

        vm.confirm();

        Rule created = lb.rules(LISTENER).getFirst();
        assertThat(created.priority()).isEqualTo(RulePriority.of(1));
        assertThat(created.conditions())
                .containsExactly(PathPattern.of("/api/v1/notes*"), HttpRequestMethod.of("POST"));
        assertThat(created.action()).isEqualTo(new FixedResponse(503, "text/plain", "maintenance"));
        assertThat(applied)
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED));
        assertThat(journal.entries().getLast().reason()).isEqualTo("console: add rule 1 to http :80 of edge");
        assertThat(vm.openProperty().get()).isFalse();
        assertThat(vm.pendingProperty().get()).isNull();
    }

    @Test
    void anEditAfterThePreviewDropsThePlanSoOnlyAValidFormIsApplied() {
        vm.open(context(null));
        typeMaintenanceRule();
        vm.preview();
        assertThat(vm.pendingProperty().get()).isNotNull();

        form().conditions().get(1).valuesProperty().set("post");

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.validProperty().get()).isFalse();
        vm.preview();
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("Fix the problems shown next to the fields first.");
        vm.confirm();
        assertThat(lb.rules(LISTENER)).hasSize(2);
    }

    @Test
    void editingARuleCanMoveItAndChangeItsActionInOnePlan() {
        vm.open(context(EdgeLoadBalancers.rule(lb, RULE)));
        form().priorityProperty().set("20");
        form().action().forward().groups().get(1).weightProperty().set("100");

        vm.preview();
        assertThat(vm.pendingProperty().get().title()).isEqualTo("Edit rule 10 on HTTP :80 of edge");
        assertThat(vm.pendingProperty().get().preview())
                .contains("SetRulePriorities")
                .contains("ModifyRule");
        vm.confirm();

        Rule moved = EdgeLoadBalancers.rule(lb, RULE);
        assertThat(moved.priority()).isEqualTo(RulePriority.of(20));
        assertThat(((Forward) moved.action()).totalWeight()).isEqualTo(200);
        assertThat(applied.getLast().outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
    }

    @Test
    void theDefaultRulesActionChangesThroughModifyRule() {
        vm.open(context(EdgeLoadBalancers.rule(lb, DEFAULT_RULE)));
        form().action().typeProperty().set(ActionForm.Type.FORWARD);

        vm.preview();
        assertThat(vm.pendingProperty().get().title()).isEqualTo("Change the default action of HTTP :80 of edge");
        vm.confirm();

        assertThat(EdgeLoadBalancers.rule(lb, DEFAULT_RULE).action()).isEqualTo(Forward.to(LEGACY));
        assertThat(EdgeLoadBalancers.rule(lb, DEFAULT_RULE).conditions()).isEmpty();
    }

    @Test
    void aPriorityTakenSinceTheFormOpenedIsRefusedByThePlannerInWords() {
        vm.open(context(null));
        typeMaintenanceRule();
        lb.createRule(LISTENER, RulePriority.of(1), List.of(PathPattern.of("/x")), List.of(Forward.to(LEGACY)));

        vm.preview();

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).startsWith("Not planned: priority 1 is already used by rule ");
    }

    @Test
    void aReadOnlyConnectionRefusesTheApplyAndChangesNothing() {
        vm.open(context(null));
        typeMaintenanceRule();
        vm.preview();
        guard.policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "prod"));

        vm.confirm();

        assertThat(lb.rules(LISTENER)).hasSize(2);
        assertThat(vm.messageProperty().get()).startsWith("Not applied: ");
        assertThat(applied).isEmpty();
    }

    @Test
    void deleteFromTheTrafficScreenIsConfirmedThenAppliedAndTheDefaultRuleCannotBeDeleted() {
        TrafficViewModel traffic = new TrafficViewModel(lb, journal, tasks, "oncall");
        traffic.refresh();

        traffic.previewDelete();
        assertThat(traffic.pendingProperty().get().title()).isEqualTo("Delete rule 10 on HTTP :80");
        assertThat(lb.rules(LISTENER)).hasSize(2);
        traffic.confirm();

        assertThat(lb.rules(LISTENER))
                .singleElement()
                .satisfies(r -> assertThat(r.isDefault()).isTrue());
        assertThat(traffic.messageProperty().get().text()).startsWith("Verified: delete rule 10");
        traffic.previewDelete();
        assertThat(traffic.pendingProperty().get()).isNull();
        assertThat(traffic.messageProperty().get().text()).startsWith("Choose a rule other than the default rule");
    }

    @Test
    void theTrafficScreenOpensTheEditorOnTheSelectedRulesListenerWithItsTargetGroups() {
        TrafficViewModel traffic = new TrafficViewModel(lb, journal, tasks, "oncall");
        traffic.refresh();

        traffic.newRule();

        RuleForm opened = traffic.editor().formProperty().get();
        assertThat(opened.mode()).isEqualTo(RuleForm.Mode.NEW);
        assertThat(opened.context().listenerArn()).isEqualTo(LISTENER);
        assertThat(opened.context().groups())
                .extracting(RuleEditorViewModel.Group::name)
                .containsExactly("legacy", "replacement");
        traffic.editRule();
        assertThat(traffic.editor().formProperty().get().mode()).isEqualTo(RuleForm.Mode.EDIT);
    }
}
