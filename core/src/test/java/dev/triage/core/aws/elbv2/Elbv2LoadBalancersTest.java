package dev.triage.core.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

class Elbv2LoadBalancersTest {

    private static final String POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    private static final String CERT_A = "arn:aws:acm:eu-west-1:123456789012:certificate/aaaa";
    private static final String CERT_B = "arn:aws:acm:eu-west-1:123456789012:certificate/bbbb";

    private final FakeElbv2 aws = new FakeElbv2();
    private final Elbv2LoadBalancers elb = Elbv2LoadBalancers.over(aws);
    private String lb;
    private String legacy;
    private String replacement;
    private String listener;

    @BeforeEach
    void seed() {
        lb = aws.addLoadBalancer("shop", LoadBalancerTypeEnum.APPLICATION);
        legacy = aws.addTargetGroup("legacy", lb, false);
        replacement = aws.addTargetGroup("replacement", lb, true);
        listener = aws.addHttpListener(lb, 80, legacy);
    }

    @Test
    void listsApplicationLoadBalancersOnlyWithAccountAndRegionFromTheArn() {
        aws.addLoadBalancer("tcp", LoadBalancerTypeEnum.NETWORK);

        List<LoadBalancer> found = elb.loadBalancers();

        assertThat(found).singleElement().satisfies(b -> {
            assertThat(b.arn()).isEqualTo(lb);
            assertThat(b.name()).isEqualTo("shop");
            assertThat(b.state()).isEqualTo(LoadBalancer.State.ACTIVE);
            assertThat(b.scheme()).isEqualTo(LoadBalancer.Scheme.INTERNET_FACING);
            assertThat(b.place()).isEqualTo(new Place(FakeElbv2.ACCOUNT, FakeElbv2.REGION));
        });
    }

    @Test
    void readsAllRulesAcrossPagesInPriorityOrderWithTheDefaultLast() {
        aws.pageCap = 100;
        aws.maxRulesPerListener = 300;
        for (int i = 250; i >= 1; i--) {
            elb.createRule(
                    listener,
                    RulePriority.of(i * 10),
                    List.of(PathPattern.of("/p" + i + "/*")),
                    List.of(Forward.to(legacy)));
        }
        aws.calls.clear();

        List<Rule> rules = elb.rules(listener);

        assertThat(rules).hasSize(251);
        assertThat(aws.calls).containsExactly("DescribeRules", "DescribeRules", "DescribeRules");
        assertThat(aws.describeRulesPageSizes).containsOnly(Elbv2LoadBalancers.RULES_PAGE_SIZE);
        assertThat(rules).extracting(Rule::priority).isSorted();
        assertThat(rules.getFirst().priority()).isEqualTo(RulePriority.of(10));
        assertThat(rules.getLast().isDefault()).isTrue();
        assertThat(rules).extracting(Rule::arn).doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(r -> assertThat(r.listenerArn()).isEqualTo(listener));
    }

    @Test
    void mapsEveryConditionTypeFromItsConfigFields() {
        aws.putRule(
                listener,
                "5",
                List.of(
                        RuleCondition.builder()
                                .field("path-pattern")
                                .pathPatternConfig(c -> c.values("/api/*", "/v2/*"))
                                .build(),
                        RuleCondition.builder()
                                .field("host-header")
                                .values("shop.example.com")
                                .build(),
                        RuleCondition.builder()
                                .field("http-header")
                                .httpHeaderConfig(HttpHeaderConditionConfig.builder()
                                        .httpHeaderName("X-Canary")
                                        .values("yes")
                                        .build())
                                .build()),
                List.of(FakeElbv2.forward(legacy)));
        aws.putRule(
                listener,
                "6",
                List.of(
                        RuleCondition.builder()
                                .field("http-request-method")
                                .httpRequestMethodConfig(HttpRequestMethodConditionConfig.builder()
                                        .values("GET", "HEAD")
                                        .build())
                                .build(),
                        RuleCondition.builder()
                                .field("query-string")
                                .queryStringConfig(QueryStringConditionConfig.builder()
                                        .values(
                                                QueryStringKeyValuePair.builder()
                                                        .key("v")
                                                        .value("2")
                                                        .build(),
                                                QueryStringKeyValuePair.builder()
                                                        .value("beta")
                                                        .build())
                                        .build())
                                .build(),
                        RuleCondition.builder()
                                .field("source-ip")
                                .sourceIpConfig(SourceIpConditionConfig.builder()
                                        .values("10.0.0.0/8")
                                        .build())
                                .build()),
                List.of(FakeElbv2.forward(legacy)));

        List<Rule> rules = elb.rules(listener);

        assertThat(rules.get(0).conditions())
                .containsExactly(
                        PathPattern.of("/api/*", "/v2/*"),
                        HostHeader.of("shop.example.com"),
                        new HttpHeader("X-Canary", List.of("yes")));
        assertThat(rules.get(1).conditions())
                .containsExactly(
                        HttpRequestMethod.of("GET", "HEAD"),
                        new QueryString(
                                List.of(new QueryString.KeyValue("v", "2"), new QueryString.KeyValue(null, "beta"))),
                        SourceIp.of("10.0.0.0/8"));
    }

    @Test
    void mapsWeightedForwardWithGroupStickinessRedirectAndFixedResponse() {
        var weighted = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .order(1)
                .forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(
                                TargetGroupTuple.builder()
                                        .targetGroupArn(legacy)
                                        .weight(0)
                                        .build(),
                                TargetGroupTuple.builder()
                                        .targetGroupArn(replacement)
                                        .weight(999)
                                        .build())
                        .targetGroupStickinessConfig(TargetGroupStickinessConfig.builder()
                                .enabled(true)
                                .durationSeconds(300)
                                .build())
                        .build())
                .build();
        aws.putRule(listener, "1", List.of(pathCondition("/a")), List.of(weighted));
        Rule redirect = elb.createRule(
                listener, RulePriority.of(2), List.of(PathPattern.of("/b")), List.of(Redirect.toHttps()));
        Rule fixed = elb.createRule(
                listener,
                RulePriority.of(3),
                List.of(PathPattern.of("/c")),
                List.of(new FixedResponse(503, "text/plain", "down for maintenance")));

        List<Rule> rules = elb.rules(listener);

        assertThat(rules.get(0).action())
                .isEqualTo(new Forward(
                        List.of(new WeightedTargetGroup(legacy, 0), new WeightedTargetGroup(replacement, 999)),
                        Duration.ofSeconds(300)));
        assertThat(rules.get(1)).isEqualTo(redirect);
        assertThat(rules.get(1).action()).isEqualTo(Redirect.toHttps());
        assertThat(rules.get(2)).isEqualTo(fixed);
        assertThat(rules.get(2).action()).isEqualTo(new FixedResponse(503, "text/plain", "down for maintenance"));
        assertThat(rules.get(3).action()).isEqualTo(Forward.to(legacy));
    }

    @Test
    void modifyRuleSendsWeightsAndStickinessAndReturnsTheRuleAsAwsHoldsIt() {
        Rule rule = elb.createRule(
                listener, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Forward.to(legacy)));
        var shifted = new Forward(
                List.of(new WeightedTargetGroup(legacy, 90), new WeightedTargetGroup(replacement, 10)),
                Duration.ofHours(1));

        Rule modified = elb.modifyRule(rule.arn(), rule.conditions(), List.of(shifted));

        assertThat(modified.action()).isEqualTo(shifted);
        assertThat(modified.listenerArn()).isEqualTo(listener);
        assertThat(modified.priority()).isEqualTo(RulePriority.of(10));
        var stored = aws.storedRule(rule.arn()).actions().getFirst().forwardConfig();
        assertThat(stored.targetGroups())
                .extracting(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(legacy, 90),
                        org.assertj.core.groups.Tuple.tuple(replacement, 10));
        assertThat(stored.targetGroupStickinessConfig().durationSeconds()).isEqualTo(3600);
        assertThat(elb.rules(listener).getFirst()).isEqualTo(modified);
    }

    @Test
    void modifyRuleOfTheDefaultRuleSendsNoConditions() {
        Rule defaultRule = elb.rules(listener).getLast();

        Rule modified = elb.modifyRule(defaultRule.arn(), List.of(), List.of(Forward.to(replacement)));

        assertThat(modified.isDefault()).isTrue();
        assertThat(modified.action()).isEqualTo(Forward.to(replacement));
    }

    @Test
    void modifyRuleOfAMissingRuleIsNotFoundNamingTheRule() {
        String missing = listener.replace(":listener/", ":listener-rule/") + "/0000000000000bad";

        assertThatThrownBy(() -> elb.modifyRule(missing, List.of(PathPattern.of("/x")), List.of(Forward.to(legacy))))
                .isInstanceOfSatisfying(CoreException.NotFound.class, e -> {
                    assertThat(e.kind()).isEqualTo("rule");
                    assertThat(e.id()).isEqualTo(missing);
                });
    }

    @Test
    void forwardingToAMissingTargetGroupIsInvalidAndChangesNothing() {
        Rule rule = elb.createRule(
                listener, RulePriority.of(10), List.of(PathPattern.of("/api/*")), List.of(Forward.to(legacy)));
        String gone = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/gone/0000000000000001";

        assertThatThrownBy(() -> elb.modifyRule(rule.arn(), rule.conditions(), List.of(Forward.to(gone))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("target group: does not exist")
                .hasMessageContaining(gone);
        assertThat(elb.rules(listener).getFirst()).isEqualTo(rule);
    }

    @Test
    void createRuleOnATakenPriorityIsAConflict() {
        elb.createRule(listener, RulePriority.of(10), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));

        assertThatThrownBy(() -> elb.createRule(
                        listener, RulePriority.of(10), List.of(PathPattern.of("/b")), List.of(Forward.to(legacy))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("priority is already used");
        assertThat(elb.rules(listener)).hasSize(2);
    }

    @Test
    void createRuleBeyondTheQuotaIsInvalidNamingTheLimit() {
        aws.maxRulesPerListener = 1;
        elb.createRule(listener, RulePriority.of(1), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));

        assertThatThrownBy(() -> elb.createRule(
                        listener, RulePriority.of(2), List.of(PathPattern.of("/b")), List.of(Forward.to(legacy))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("at most 100 rules per load balancer")
                .hasMessageContaining("TooManyRules");
    }

    @Test
    void createRuleOnAMissingListenerIsNotFound() {
        String missing = listener + "0";

        assertThatThrownBy(() -> elb.createRule(
                        missing, RulePriority.of(2), List.of(PathPattern.of("/b")), List.of(Forward.to(legacy))))
                .isInstanceOfSatisfying(
                        CoreException.NotFound.class, e -> assertThat(e.id()).isEqualTo(missing));
    }

    @Test
    void setRulePrioritiesSwapsTwoRulesInOneCall() {
        Rule a = elb.createRule(
                listener, RulePriority.of(1), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));
        Rule b = elb.createRule(
                listener, RulePriority.of(2), List.of(PathPattern.of("/b")), List.of(Forward.to(legacy)));
        Map<String, RulePriority> swap = new LinkedHashMap<>();
        swap.put(a.arn(), RulePriority.of(2));
        swap.put(b.arn(), RulePriority.of(1));

        List<Rule> moved = elb.setRulePriorities(swap);

        assertThat(moved).extracting(Rule::arn).containsExactly(b.arn(), a.arn());
        assertThat(elb.rules(listener)).extracting(Rule::arn).startsWith(b.arn(), a.arn());
    }

    @Test
    void setRulePrioritiesOntoAnotherRulesPriorityIsAConflict() {
        Rule a = elb.createRule(
                listener, RulePriority.of(1), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));
        elb.createRule(listener, RulePriority.of(2), List.of(PathPattern.of("/b")), List.of(Forward.to(legacy)));

        assertThatThrownBy(() -> elb.setRulePriorities(Map.of(a.arn(), RulePriority.of(2))))
                .isInstanceOf(CoreException.Conflict.class);
        assertThatThrownBy(() -> elb.setRulePriorities(Map.of(a.arn(), RulePriority.DEFAULT)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the default rule cannot move");
    }

    @Test
    void deleteRuleRemovesItAndRefusesTheDefaultRule() {
        Rule a = elb.createRule(
                listener, RulePriority.of(1), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));

        elb.deleteRule(a.arn());

        assertThat(elb.rules(listener))
                .singleElement()
                .satisfies(r -> assertThat(r.isDefault()).isTrue());
        String defaultArn = elb.rules(listener).getFirst().arn();
        assertThatThrownBy(() -> elb.deleteRule(defaultArn))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("OperationNotPermitted");
        assertThatThrownBy(() -> elb.deleteRule(a.arn())).isInstanceOf(CoreException.NotFound.class);
    }

    @Test
    void createHttpsListenerRefusesAMissingPolicyWithoutCallingAws() {
        aws.calls.clear();

        assertThatThrownBy(() -> elb.createHttpsListener(lb, 443, List.of(CERT_A), null, List.of(Forward.to(legacy))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("sslPolicy: missing");
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void createHttpsListenerSendsThePolicyAndAddsTheOtherCertificates() {
        Listener created =
                elb.createHttpsListener(lb, 443, List.of(CERT_A, CERT_B), POLICY, List.of(Forward.to(legacy)));

        assertThat(created.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(created.sslPolicy()).isEqualTo(POLICY);
        assertThat(created.certificateArns()).containsExactly(CERT_A, CERT_B);
        assertThat(aws.storedListener(created.arn()).sslPolicy()).isEqualTo(POLICY);
        assertThat(elb.listeners(lb)).extracting(Listener::port).containsExactly(80, 443);
        assertThatThrownBy(() -> elb.createHttpsListener(lb, 443, List.of(CERT_A), POLICY, List.of(Forward.to(legacy))))
                .isInstanceOf(CoreException.Conflict.class);
        assertThatThrownBy(() ->
                        elb.createHttpsListener(lb, 8443, List.of(CERT_A), "NoSuchPolicy", List.of(Forward.to(legacy))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("SSLPolicyNotFound");
    }

    @Test
    void modifyListenerChangesDefaultCertificatePolicyAndReplacesTheOthers() {
        Listener https = elb.createHttpsListener(lb, 443, List.of(CERT_A, CERT_B), POLICY, List.of(Forward.to(legacy)));
        String certC = "arn:aws:acm:eu-west-1:123456789012:certificate/cccc";

        Listener modified = elb.modifyListener(https.arn(), null, List.of(CERT_B, certC), "ELBSecurityPolicy-2016-08");

        assertThat(modified.certificateArns()).containsExactly(CERT_B, certC);
        assertThat(aws.storedCertificates(https.arn())).containsExactly(CERT_B, certC);
        assertThat(modified.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
        assertThat(modified.defaultAction()).isEqualTo(Forward.to(legacy));
    }

    @Test
    void modifyListenerAddsAnHttpToHttpsRedirect() {
        Listener modified = elb.modifyListener(listener, List.of(Redirect.toHttps()), null, null);

        assertThat(modified.defaultAction()).isEqualTo(Redirect.toHttps());
        assertThat(elb.rules(listener).getLast().action()).isEqualTo(Redirect.toHttps());
    }

    @Test
    void readsTargetGroupsWithStickinessAndTargetHealth() {
        aws.addTarget(replacement, "10.0.1.5", 8080, TargetHealthStateEnum.HEALTHY, null);
        aws.addTarget(replacement, "10.0.1.6", 8080, TargetHealthStateEnum.UNHEALTHY, "Target.ResponseCodeMismatch");

        List<TargetGroup> groups = elb.targetGroups(lb);
        List<TargetHealth> health = elb.targetHealth(replacement);

        assertThat(groups).extracting(TargetGroup::name).containsExactly("legacy", "replacement");
        assertThat(groups.get(0).stickinessEnabled()).isFalse();
        assertThat(groups.get(1).stickinessEnabled()).isTrue();
        assertThat(groups.get(1).stickiness()).isEqualTo(Duration.ofHours(1));
        assertThat(groups.get(1).healthCheck().matcher()).isEqualTo("200-299");
        assertThat(health)
                .containsExactly(
                        new TargetHealth("10.0.1.5", 8080, TargetHealth.State.HEALTHY, null, null),
                        new TargetHealth(
                                "10.0.1.6",
                                8080,
                                TargetHealth.State.UNHEALTHY,
                                "Target.ResponseCodeMismatch",
                                "Health checks failed"));
        assertThatThrownBy(() -> elb.targetHealth(replacement + "0"))
                .isInstanceOfSatisfying(
                        CoreException.NotFound.class, e -> assertThat(e.kind()).isEqualTo("target group"));
    }

    @Test
    void listsSslPoliciesWithProtocolsAndCiphers() {
        assertThat(elb.sslPolicies())
                .satisfiesExactly(
                        p -> {
                            assertThat(p.name()).isEqualTo(POLICY);
                            assertThat(p.allowsLegacyTls()).isFalse();
                            assertThat(p.ciphers()).containsExactly("TLS_AES_128_GCM_SHA256");
                        },
                        p -> assertThat(p.allowsLegacyTls()).isTrue());
    }

    @Test
    void throttlingAndAccessDeniedBecomeThrottledAndDenied() {
        aws.failNext("Throttling");
        assertThatThrownBy(() -> elb.rules(listener))
                .isInstanceOfSatisfying(
                        CoreException.Throttled.class,
                        e -> assertThat(e.operation()).isEqualTo("DescribeRules"));

        aws.failNext("AccessDenied");
        assertThatThrownBy(() -> elb.loadBalancers())
                .isInstanceOf(CoreException.Denied.class)
                .hasMessageContaining("not allowed to DescribeLoadBalancers");

        aws.failNext("InternalFailure");
        assertThatThrownBy(() -> elb.loadBalancers())
                .isInstanceOf(CoreException.Unavailable.class)
                .hasMessageContaining("InternalFailure");
    }

    @Test
    void aRuleWithAnAuthenticateActionIsReportedByArnNotDroppedSilently() {
        var authenticate = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
                .type(ActionTypeEnum.AUTHENTICATE_OIDC)
                .order(1)
                .build();
        var forward = FakeElbv2.forward(legacy).toBuilder().order(2).build();
        String arn = aws.putRule(listener, "7", List.of(pathCondition("/admin")), List.of(authenticate, forward));

        assertThatThrownBy(() -> elb.rules(listener))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(arn)
                .hasMessageContaining("authenticate-oidc");
    }

    @Test
    void anInterruptedCallIsUnavailableAndKeepsTheInterruptFlag() {
        aws.failNextWith(software.amazon.awssdk.core.exception.AbortedException.builder()
                .message("Thread was interrupted")
                .build());

        try {
            assertThatThrownBy(() -> elb.rules(listener))
                    .isInstanceOf(CoreException.Unavailable.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void quotaCodesBecomeInvalidNamingTheLimit() {
        Rule rule = elb.createRule(
                listener, RulePriority.of(10), List.of(PathPattern.of("/a")), List.of(Forward.to(legacy)));

        aws.failNext("TooManyTargetGroups");
        assertThatThrownBy(() -> elb.modifyRule(rule.arn(), rule.conditions(), rule.actions()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("5 target groups per forward action");
        aws.failNext("TooManyActions");
        assertThatThrownBy(() -> elb.modifyRule(rule.arn(), rule.conditions(), rule.actions()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("one forward, redirect or fixed-response per rule");
    }

    private static RuleCondition pathCondition(String path) {
        return RuleCondition.builder()
                .field("path-pattern")
                .pathPatternConfig(c -> c.values(path))
                .build();
    }
}
