package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleLimitsTest {

    private static Rule defaultRule(String listener) {
        return new Rule(listener + "/default", listener, RulePriority.DEFAULT, List.of(), List.of(Forward.to("tg")));
    }

    private static Rule rule(String listener, String arn, int priority) {
        return new Rule(arn, listener, RulePriority.of(priority), Samples.apiPath(), List.of(Forward.to("tg")));
    }

    @Test
    void uniquePrioritiesPass() {
        var rules = List.of(rule("l", "r1", 1), rule("l", "r2", 2), defaultRule("l"));
        assertThat(RuleLimits.defaults().problemsOfListener(rules)).isEmpty();
    }

    @Test
    void reportsADuplicatePriorityNamingBothRules() {
        var rules = List.of(rule("l", "r1", 5), rule("l", "r2", 5), defaultRule("l"));
        assertThat(RuleLimits.defaults().problemsOfListener(rules))
                .containsExactly("priority: 5 used by r1 and r2 (expected: unique within a listener)");
    }

    @Test
    void samePriorityOnTwoListenersIsFine() {
        var byListener = Map.of("a", List.of(rule("a", "r1", 5)), "b", List.of(rule("b", "r2", 5)));
        assertThat(RuleLimits.defaults().problemsOfLoadBalancer(byListener)).isEmpty();
    }

    @Test
    void hundredRulesPerLoadBalancerAcrossListenersNotCountingDefaults() {
        List<Rule> a = new ArrayList<>(List.of(defaultRule("a")));
        List<Rule> b = new ArrayList<>(List.of(defaultRule("b")));
        for (int i = 1; i <= 50; i++) {
            a.add(rule("a", "a" + i, i));
            b.add(rule("b", "b" + i, i));
        }
        assertThat(RuleLimits.defaults().problemsOfLoadBalancer(Map.of("a", a, "b", b)))
                .isEmpty();
        b.add(rule("b", "b51", 51));
        assertThatThrownBy(() -> RuleLimits.defaults().check(Map.of("a", a, "b", b)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("load balancer rules: rules: 101 (expected: at most 100 per load balancer, default rules"
                        + " not counted)");
    }

    @Test
    void raisedQuotaIsHonoured() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            rules.add(rule("a", "a" + i, i));
        }
        assertThat(RuleLimits.withMaxRulesPerLoadBalancer(200).problemsOfLoadBalancer(Map.of("a", rules)))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemAcrossListenersAtOnce() {
        var byListener = Map.of(
                "a", List.of(rule("a", "r1", 1), rule("a", "r2", 1), defaultRule("a"), defaultRule("a")),
                "b", List.of(rule("b", "r3", 1), rule("b", "r4", 2)));
        assertThat(RuleLimits.withMaxRulesPerLoadBalancer(3).problemsOfLoadBalancer(byListener))
                .containsExactlyInAnyOrder(
                        "priority: 1 used by r1 and r2 (expected: unique within a listener)",
                        "default rules: 2 (expected: exactly one per listener)",
                        "rules: 4 (expected: at most 3 per load balancer, default rules not counted)");
    }
}
