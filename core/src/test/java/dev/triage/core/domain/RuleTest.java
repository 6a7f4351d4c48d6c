package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTest {

    private static final List<Action> ACTIONS = List.of(Forward.to(Samples.LEGACY));

    @Test
    void prioritiesRunFromOneTo50000() {
        assertThat(RulePriority.of(1).text()).isEqualTo("1");
        assertThat(RulePriority.of(50_000).text()).isEqualTo("50000");
        assertThatThrownBy(() -> RulePriority.of(0)).hasMessage("rule priority: priority: 0 (expected: 1..50000)");
        assertThatThrownBy(() -> RulePriority.of(50_001))
                .hasMessage("rule priority: priority: 50001 (expected: 1..50000)");
    }

    @Test
    void parsesElbv2PriorityText() {
        assertThat(RulePriority.parse("default")).isEqualTo(RulePriority.DEFAULT);
        assertThat(RulePriority.parse("10")).isEqualTo(RulePriority.of(10));
        assertThatThrownBy(() -> RulePriority.parse("ten"))
                .hasMessage("rule priority: priority: 'ten' (expected: default or 1..50000)");
    }

    @Test
    void defaultRuleSortsAfterEveryNumber() {
        assertThat(List.of(RulePriority.DEFAULT, RulePriority.of(50_000), RulePriority.of(2)).stream()
                        .sorted()
                        .toList())
                .containsExactly(RulePriority.of(2), RulePriority.of(50_000), RulePriority.DEFAULT);
    }

    @Test
    void fiveConditionValuesAcrossTheRuleAreAllowed() {
        var conditions =
                List.<Condition>of(PathPattern.of("/a", "/b", "/c"), HostHeader.of("a.example.com", "b.example.com"));
        assertThat(new Rule("r", "l", RulePriority.of(1), conditions, ACTIONS).conditions())
                .hasSize(2);
    }

    @Test
    void sixConditionValuesAcrossTheRuleAreRejected() {
        var conditions = List.<Condition>of(
                PathPattern.of("/a", "/b", "/c"),
                HostHeader.of("a.example.com", "b.example.com"),
                HttpRequestMethod.of("GET"));
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(1), conditions, ACTIONS))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("rule 1: condition values: 6 (expected: at most 5 per rule)");
    }

    @Test
    void queryStringPairsAndHeaderValuesCountTowardTheRuleLimit() {
        var conditions = List.<Condition>of(
                new QueryString(List.of(
                        new QueryString.KeyValue("v", "1"),
                        new QueryString.KeyValue("v", "2"),
                        new QueryString.KeyValue(null, "x"))),
                new HttpHeader("X-Canary", List.of("a", "b", "c")));
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(7), conditions, ACTIONS))
                .hasMessage("rule 7: condition values: 6 (expected: at most 5 per rule)");
    }

    @Test
    void aConditionHoldsAtMostThreeValues() {
        assertThatThrownBy(() -> PathPattern.of("/a", "/b", "/c", "/d"))
                .hasMessage("path-pattern condition: path-pattern values: 4 (expected: 1..3)");
    }

    @Test
    void pathPatternAppearsAtMostOncePerRule() {
        var conditions = List.<Condition>of(PathPattern.of("/a"), PathPattern.of("/b"));
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(1), conditions, ACTIONS))
                .hasMessage(
                        "rule 1: condition: path-pattern twice (expected: at most one path-pattern condition per rule)");
    }

    @Test
    void httpHeaderMayAppearSeveralTimes() {
        var conditions = List.<Condition>of(new HttpHeader("X-A", List.of("1")), new HttpHeader("X-B", List.of("2")));
        assertThat(new Rule("r", "l", RulePriority.of(1), conditions, ACTIONS).conditions())
                .hasSize(2);
    }

    @Test
    void defaultRuleHasNoConditions() {
        assertThat(new Rule("r", "l", RulePriority.DEFAULT, List.of(), ACTIONS).isDefault())
                .isTrue();
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.DEFAULT, Samples.apiPath(), ACTIONS))
                .hasMessage("rule default: conditions: 1 (expected: none on the default rule)");
    }

    @Test
    void numberedRuleNeedsACondition() {
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(3), List.of(), ACTIONS))
                .hasMessage("rule 3: conditions: none (expected: at least one on a rule other than the default)");
    }

    @Test
    void ruleEndsInExactlyOneAction() {
        var two = List.<Action>of(Forward.to(Samples.LEGACY), new FixedResponse(503, null, null));
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(3), Samples.apiPath(), two))
                .hasMessage("rule 3: actions: 2 (expected: exactly one of forward, redirect or fixed-response)");
    }

    @Test
    void reportsEveryProblemOfARuleAtOnce() {
        var conditions = List.<Condition>of(
                PathPattern.of("/a", "/b", "/c"), HostHeader.of("a", "b"), SourceIp.of("10.0.0.0/8"));
        assertThatThrownBy(() -> new Rule(null, null, RulePriority.of(4), conditions, List.of()))
                .hasMessageStartingWith("rule 4 has 4 problems: arn: missing")
                .asInstanceOf(type(CoreException.Invalid.class))
                .satisfies(e -> assertThat(e.problems())
                        .containsExactly(
                                "arn: missing (expected: a rule ARN)",
                                "listenerArn: missing (expected: a listener ARN)",
                                "condition values: 6 (expected: at most 5 per rule)",
                                "actions: 0 (expected: exactly one of forward, redirect or fixed-response)"));
    }

    @Test
    void fiveWildcardsAcrossTheRuleAreAllowedAndSixAreRejected() {
        var five = List.<Condition>of(PathPattern.of("/a*", "/b?c*"), HostHeader.of("*.example.com", "a?.example.com"));
        assertThat(new Rule("r", "l", RulePriority.of(1), five, ACTIONS).conditions())
                .hasSize(2);

        var six = List.<Condition>of(
                PathPattern.of("/a*", "/b?c*"),
                new QueryString(List.of(new QueryString.KeyValue("k*", "v?"))),
                new HttpHeader("X-Id", List.of("*")));
        assertThatThrownBy(() -> new Rule("r", "l", RulePriority.of(1), six, ACTIONS))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("rule 1: wildcards: 6 (expected: at most 5 '*' or '?' per rule, across host-header,"
                        + " http-header, path-pattern and query-string)");
    }
}
