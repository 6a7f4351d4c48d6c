package dev.triage.core.port;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LB;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RuleLimits;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.WeightedTargetGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryLoadBalancersTest {

    private final InMemoryLoadBalancers lbs = seeded(RuleLimits.defaults(), false);

    private static InMemoryLoadBalancers seeded(RuleLimits limits, boolean stickyReplacement) {
        return new InMemoryLoadBalancers(limits)
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", stickyReplacement))
                .add(new SslPolicy(Samples.POLICY, List.of("TLSv1.2", "TLSv1.3"), List.of()))
                .add(Samples.httpListener());
    }

    private Rule createApiRule(int priority) {
        return lbs.createRule(
                HTTP_LISTENER, RulePriority.of(priority), Samples.apiPath(), List.of(Samples.split(100, 0)));
    }

    @Test
    void listenerComesWithItsDefaultRuleLast() {
        createApiRule(10);
        assertThat(lbs.rules(HTTP_LISTENER))
                .extracting(r -> r.priority().text())
                .containsExactly("10", "default");
    }

    @Test
    void modifyRuleChangesWeightsAndReadsBack() {
        Rule rule = createApiRule(10);
        lbs.modifyRule(rule.arn(), rule.conditions(), List.of(Samples.split(90, 10)));
        assertThat(lbs.rules(HTTP_LISTENER).getFirst().action()).isEqualTo(Samples.split(90, 10));
    }

    @Test
    void readsLagBehindWritesWhenAsked() {
        Rule rule = createApiRule(10);
        lbs.lagRuleReads(2);
        lbs.modifyRule(rule.arn(), rule.conditions(), List.of(Samples.split(90, 10)));
        assertThat(lbs.rules(HTTP_LISTENER).getFirst().action()).isEqualTo(Samples.split(100, 0));
        assertThat(lbs.rules(HTTP_LISTENER).getFirst().action()).isEqualTo(Samples.split(100, 0));
        assertThat(lbs.rules(HTTP_LISTENER).getFirst().action()).isEqualTo(Samples.split(90, 10));
    }

    @Test
    void createRuleAtATakenPriorityIsAConflict() {
        Rule first = createApiRule(10);
        assertThatThrownBy(() -> createApiRule(10))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessage("priority 10 is already used by rule " + first.arn());
    }

    @Test
    void the101stRuleOfALoadBalancerIsRefused() {
        for (int i = 1; i <= 100; i++) {
            createApiRule(i);
        }
        assertThatThrownBy(() -> createApiRule(101))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("load balancer rules: rules: 101 (expected: at most 100 per load balancer, default rules"
                        + " not counted)");
        assertThat(lbs.rules(HTTP_LISTENER)).hasSize(101);
    }

    @Test
    void forwardToAnUnknownTargetGroupIsInvalidAndChangesNothing() {
        Rule rule = createApiRule(10);
        List<Action> unknown = List.of(Forward.to("tg-missing"));
        assertThatThrownBy(() -> lbs.modifyRule(rule.arn(), rule.conditions(), unknown))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("forward action: target group: tg-missing (expected: an existing target group)");
        assertThat(lbs.rules(HTTP_LISTENER).getFirst()).isEqualTo(rule);
    }

    @Test
    void splittingToAStickyGroupNeedsGroupStickiness() {
        InMemoryLoadBalancers sticky = seeded(RuleLimits.defaults(), true);
        assertThatThrownBy(() -> sticky.createRule(
                        HTTP_LISTENER, RulePriority.of(1), Samples.apiPath(), List.of(Samples.split(90, 10))))
                .hasMessage("forward action: stickiness: none (expected: group stickiness, since a target group has"
                        + " stickiness enabled)");
        Forward withStickiness = new Forward(
                List.of(new WeightedTargetGroup(LEGACY, 90), new WeightedTargetGroup(REPLACEMENT, 10)),
                Duration.ofMinutes(5));
        assertThat(sticky.createRule(HTTP_LISTENER, RulePriority.of(1), Samples.apiPath(), List.of(withStickiness))
                        .action())
                .isEqualTo(withStickiness);
    }

    @Test
    void setRulePrioritiesSwapsTwoRulesInOneCall() {
        Rule a = createApiRule(1);
        Rule b = createApiRule(2);
        lbs.setRulePriorities(Map.of(a.arn(), RulePriority.of(2), b.arn(), RulePriority.of(1)));
        assertThat(lbs.rules(HTTP_LISTENER))
                .extracting(Rule::arn)
                .containsExactly(b.arn(), a.arn(), HTTP_LISTENER + "/default");
    }

    @Test
    void setRulePrioritiesOntoAnotherRulesPriorityIsAConflict() {
        Rule a = createApiRule(1);
        Rule b = createApiRule(2);
        assertThatThrownBy(() -> lbs.setRulePriorities(Map.of(a.arn(), RulePriority.of(2))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessage("priority 2 is already used by rule " + b.arn());
    }

    @Test
    void defaultRuleCannotMoveOrBeDeleted() {
        String defaultRule = HTTP_LISTENER + "/default";
        assertThatThrownBy(() -> lbs.setRulePriorities(Map.of(defaultRule, RulePriority.of(5))))
                .isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> lbs.deleteRule(defaultRule))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the default rule");
    }

    @Test
    void unknownResourcesAreNotFound() {
        assertThatThrownBy(() -> lbs.rules("arn:missing"))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessage("listener arn:missing was not found");
        assertThatThrownBy(() -> lbs.deleteRule("arn:gone")).hasMessage("rule arn:gone was not found");
    }

    @Test
    void httpsListenerNeedsAKnownPolicyAndAFreePort() {
        assertThatThrownBy(() -> lbs.createHttpsListener(
                        LB, 443, List.of(Samples.CERT), "ELBSecurityPolicy-2016-08", List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("SSL policy: sslPolicy: 'ELBSecurityPolicy-2016-08' (expected: one of [" + Samples.POLICY
                        + "])");
        assertThatThrownBy(() ->
                        lbs.createHttpsListener(LB, 443, List.of(Samples.CERT), null, List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("sslPolicy: missing");
        assertThatThrownBy(() -> lbs.createHttpsListener(
                        LB, 80, List.of(Samples.CERT), Samples.POLICY, List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessage("port 80 already has a listener (" + HTTP_LISTENER + ")");
        var https =
                lbs.createHttpsListener(LB, 443, List.of(Samples.CERT), Samples.POLICY, List.of(Forward.to(LEGACY)));
        assertThat(lbs.listeners(LB)).hasSize(2).contains(https);
    }

    @Test
    void redirectingHttpToHttpsChangesTheDefaultRuleToo() {
        lbs.modifyListener(HTTP_LISTENER, List.of(Redirect.toHttps()), null, null);
        assertThat(lbs.rules(HTTP_LISTENER).getLast().action()).isEqualTo(Redirect.toHttps());
        assertThat(lbs.listeners(LB).getFirst().defaultAction()).isEqualTo(Redirect.toHttps());
    }

    @Test
    void anInjectedFailureChangesNothingAndHappensOnce() {
        Rule rule = createApiRule(10);
        lbs.failNext("ModifyRule", new CoreException.Throttled("ModifyRule", null));
        List<Action> shifted = List.of(Samples.split(90, 10));
        assertThatThrownBy(() -> lbs.modifyRule(rule.arn(), rule.conditions(), shifted))
                .isInstanceOf(CoreException.Throttled.class);
        assertThat(lbs.rules(HTTP_LISTENER).getFirst()).isEqualTo(rule);
        lbs.modifyRule(rule.arn(), rule.conditions(), shifted);
        assertThat(lbs.rules(HTTP_LISTENER).getFirst().action()).isEqualTo(Samples.split(90, 10));
        assertThat(lbs.calls()).containsSubsequence("CreateRule", "ModifyRule", "ModifyRule");
    }
}
