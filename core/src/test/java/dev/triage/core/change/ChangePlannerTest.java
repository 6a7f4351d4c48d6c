package dev.triage.core.change;

import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangePlannerTest {

    private final InMemoryLoadBalancers lbs = Fixture.seeded();
    private final AtomicInteger ids = new AtomicInteger();
    private final ChangePlanner planner = new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
    private final Rule rule = Fixture.createRule(lbs, 10, "/api/*", 100, 0);

    @Test
    void shiftWeightsPlansOneModifyRuleWithTheNewWeights() {
        ChangePlan plan = planner.shiftWeights(rule.arn(), Map.of(LEGACY, 90, REPLACEMENT, 10));

        assertThat(plan.before()).containsExactly(rule);
        assertThat(plan.after()).containsExactly(rule.with(rule.conditions(), List.of(Samples.split(90, 10))));
        assertThat(plan.calls()).hasSize(1);
        ApiCall call = plan.calls().getFirst();
        assertThat(call.operation()).isEqualTo("ModifyRule");
        assertThat(call.parameters())
                .containsEntry("RuleArn", rule.arn())
                .containsEntry("Conditions", rule.conditions())
                .containsEntry("Actions", List.of(Samples.split(90, 10)));
        assertThat(call.description()).isEqualTo("rule 10 forward to legacy 90, replacement 10");
    }

    @Test
    void groupsLeftOutKeepTheirWeight() {
        ChangePlan plan = planner.shiftWeights(rule.arn(), Map.of(REPLACEMENT, 25));

        assertThat(((Rule) plan.after().getFirst()).action()).isEqualTo(Samples.split(100, 25));
    }

    @Test
    void previewReadsAsOneLinePerRuleAndCall() {
        ChangePlan plan = planner.shiftWeights(rule.arn(), Map.of(LEGACY, 90, REPLACEMENT, 10));

        assertThat(PlanPreview.text(plan))
                .isEqualTo("shift weights of rule 10\n"
                        + "  Rule " + rule.arn() + " (priority 10): legacy 100 -> 90, replacement 0 -> 10\n"
                        + "  call 1: ModifyRule rule 10 forward to legacy 90, replacement 10\n");
    }

    @Test
    void inverseSwapsBeforeAndAfterAndRestoresTheOldWeights() {
        ChangePlan plan = planner.shiftWeights(rule.arn(), Map.of(LEGACY, 90, REPLACEMENT, 10));
        ChangePlan inverse = planner.inverse(plan);

        assertThat(inverse.before()).isEqualTo(plan.after());
        assertThat(inverse.after()).isEqualTo(plan.before());
        assertThat(inverse.calls().getFirst().parameters()).containsEntry("Actions", List.of(Samples.split(100, 0)));
        assertThat(inverse.id()).isNotEqualTo(plan.id());
    }

    @Test
    void refusesATargetGroupNotInTheForward() {
        String other = LEGACY.replace("legacy", "other");

        assertThatThrownBy(() -> planner.shiftWeights(rule.arn(), Map.of(other, 10)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("target group: " + other + " (expected: one of [" + LEGACY + ", " + REPLACEMENT);
    }

    @Test
    void refusesAWeightOutsideTheRange() {
        assertThatThrownBy(() -> planner.shiftWeights(rule.arn(), Map.of(REPLACEMENT, 1000)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("weight of replacement: 1000 (expected: 0..999)");
        assertThatThrownBy(() -> planner.shiftWeights(rule.arn(), Map.of(REPLACEMENT, -1)))
                .hasMessageContaining("weight of replacement: -1 (expected: 0..999)");
    }

    @Test
    void refusesWeightsThatAreAllZero() {
        assertThatThrownBy(() -> planner.shiftWeights(rule.arn(), Map.of(LEGACY, 0)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("weights: all 0");
    }

    @Test
    void refusesAShiftThatChangesNothing() {
        assertThatThrownBy(() -> planner.shiftWeights(rule.arn(), Map.of(LEGACY, 100)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the same as now");
    }

    @Test
    void unknownRuleIsNotFound() {
        assertThatThrownBy(() -> planner.shiftWeights(Samples.HTTP_LISTENER + "/rule-99", Map.of(LEGACY, 1)))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining("rule-99");
    }

    @Test
    void findsARuleWhoseArnDoesNotNameItsListener() {
        // ALB's shape: listener-rule/app/... belongs to listener/app/...; an odd ARN falls back to a scan.
        assertThat(planner.findRule(rule.arn())).isEqualTo(rule);
        assertThat(planner.findRule(Samples.HTTP_LISTENER + "/default").isDefault())
                .isTrue();
        assertThat(lbs.calls()).contains("DescribeRules");
    }
}
