package dev.triage.core.aws.elbv2;

import dev.triage.core.contract.LoadBalancersContract;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** The contract against the ELBv2 adapter over the SDK client fake (seeded as AWS would hold it). */
class Elbv2LoadBalancersContractTest extends LoadBalancersContract {

    @Override
    protected World seed() {
        FakeElbv2 aws = new FakeElbv2();
        String lb = aws.addLoadBalancer("edge", LoadBalancerTypeEnum.APPLICATION);
        aws.addLoadBalancer("tcp", LoadBalancerTypeEnum.NETWORK);
        String legacy = aws.addTargetGroup("legacy", lb, false);
        String replacement = aws.addTargetGroup("replacement", lb, false);
        aws.addTarget(legacy, "10.0.1.1", 8080, TargetHealthStateEnum.HEALTHY, null);
        aws.addTarget(replacement, "10.0.2.1", 8080, TargetHealthStateEnum.UNHEALTHY, "Target.FailedHealthChecks");
        String listener = aws.addHttpListener(lb, 80, legacy);
        String web = aws.putRule(listener, "20", List.of(path("/web/*")), List.of(FakeElbv2.forward(replacement)));
        String api = aws.putRule(
                listener,
                "10",
                List.of(path("/api/*")),
                List.of(Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .order(1)
                        .forwardConfig(ForwardActionConfig.builder()
                                .targetGroups(tuple(legacy, 100), tuple(replacement, 0))
                                .targetGroupStickinessConfig(TargetGroupStickinessConfig.builder()
                                        .enabled(false)
                                        .build())
                                .build())
                        .build()));
        String defaultRule = aws.defaultRuleOf(listener);
        return new World(
                Elbv2LoadBalancers.over(aws),
                lb,
                listener,
                80,
                api,
                web,
                defaultRule,
                legacy,
                replacement,
                Map.of(legacy, List.of("10.0.1.1:8080"), replacement, List.of("10.0.2.1:8080")));
    }

    @Override
    protected ListenerWrites listenerWrites() {
        return ListenerWrites.SUPPORTED;
    }

    private static RuleCondition path(String pattern) {
        return RuleCondition.builder()
                .field("path-pattern")
                .pathPatternConfig(c -> c.values(pattern))
                .build();
    }

    private static TargetGroupTuple tuple(String arn, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
    }
}
