package dev.triage.core.aws.elbv2;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** SDK model types to core/domain records and back. */
final class Elbv2Mapping {

    private Elbv2Mapping() {}

    // ---- load balancers

    static LoadBalancer loadBalancer(software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer lb) {
        return new LoadBalancer(
                lb.loadBalancerArn(),
                lb.loadBalancerName(),
                lb.dnsName(),
                "internal".equals(lb.schemeAsString())
                        ? LoadBalancer.Scheme.INTERNAL
                        : LoadBalancer.Scheme.INTERNET_FACING,
                switch (String.valueOf(lb.typeAsString())) {
                    case "network" -> LoadBalancer.Type.NETWORK;
                    case "gateway" -> LoadBalancer.Type.GATEWAY;
                    default -> LoadBalancer.Type.APPLICATION;
                },
                lb.vpcId(),
                lb.state() == null
                        ? LoadBalancer.State.PROVISIONING
                        : switch (String.valueOf(lb.state().codeAsString())) {
                            case "active" -> LoadBalancer.State.ACTIVE;
                            case "active_impaired" -> LoadBalancer.State.ACTIVE_IMPAIRED;
                            case "failed" -> LoadBalancer.State.FAILED;
                            default -> LoadBalancer.State.PROVISIONING;
                        },
                place(lb.loadBalancerArn()));
    }

    /** The account and region of an ARN (arn:partition:service:region:account:resource). */
    static Place place(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || parts[3].isEmpty() || parts[4].isEmpty()) {
            throw new CoreException.Invalid(
                    "ARN", List.of("arn: '" + arn + "' (expected: arn:aws:...:region:account:...)"));
        }
        return new Place(parts[4], parts[3]);
    }

    /**
     * The listener of a rule ARN: {@code ...:listener-rule/app/lb/lbid/listenerid/ruleid} belongs to {@code
     * ...:listener/app/lb/lbid/listenerid}.
     */
    static String listenerOfRule(String ruleArn) {
        int slash = ruleArn.lastIndexOf('/');
        if (!ruleArn.contains(":listener-rule/") || slash < 0) {
            throw new CoreException.Invalid(
                    "rule ARN",
                    List.of("rule: '" + ruleArn + "' (expected: arn:aws:elasticloadbalancing:...:listener-rule/...)"));
        }
        return ruleArn.substring(0, slash).replace(":listener-rule/", ":listener/");
    }

    static Protocol protocol(String text) {
        if ("HTTPS".equals(text)) {
            return Protocol.HTTPS;
        }
        if ("HTTP".equals(text)) {
            return Protocol.HTTP;
        }
        return null;
    }

    // ---- rules

    static Rule rule(software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule, String listenerArn) {
        RulePriority priority = RulePriority.parse(rule.priority());
        List<Condition> conditions = new ArrayList<>();
        for (RuleCondition condition : rule.conditions()) {
            conditions.add(condition(condition));
        }
        List<Action> actions;
        try {
            actions = actions(rule.actions());
        } catch (CoreException.Invalid e) {
            throw new CoreException.Invalid("rule " + rule.ruleArn(), e.problems(), e);
        }
        return new Rule(rule.ruleArn(), listenerArn, priority, conditions, actions);
    }

    static Condition condition(RuleCondition c) {
        String field = c.field();
        return switch (field == null ? "" : field) {
            case "path-pattern" ->
                new PathPattern(
                        c.pathPatternConfig() != null && c.pathPatternConfig().hasValues()
                                ? c.pathPatternConfig().values()
                                : c.values());
            case "host-header" ->
                new HostHeader(
                        c.hostHeaderConfig() != null && c.hostHeaderConfig().hasValues()
                                ? c.hostHeaderConfig().values()
                                : c.values());
            case "http-header" ->
                new HttpHeader(
                        c.httpHeaderConfig().httpHeaderName(),
                        c.httpHeaderConfig().values());
            case "http-request-method" ->
                new HttpRequestMethod(c.httpRequestMethodConfig().values());
            case "query-string" ->
                new QueryString(c.queryStringConfig().values().stream()
                        .map(p -> new QueryString.KeyValue(p.key(), p.value()))
                        .toList());
            case "source-ip" -> new SourceIp(c.sourceIpConfig().values());
            default ->
                throw new CoreException.Invalid(
                        "rule condition",
                        List.of("field: '" + field + "' (expected: path-pattern, host-header, http-header,"
                                + " http-request-method, query-string or source-ip)"));
        };
    }

    static RuleCondition condition(Condition condition) {
        RuleCondition.Builder b = RuleCondition.builder().field(condition.field());
        switch (condition) {
            case PathPattern p ->
                b.pathPatternConfig(
                        PathPatternConditionConfig.builder().values(p.values()).build());
            case HostHeader h ->
                b.hostHeaderConfig(
                        HostHeaderConditionConfig.builder().values(h.values()).build());
            case HttpHeader h ->
                b.httpHeaderConfig(HttpHeaderConditionConfig.builder()
                        .httpHeaderName(h.name())
                        .values(h.values())
                        .build());
            case HttpRequestMethod m ->
                b.httpRequestMethodConfig(HttpRequestMethodConditionConfig.builder()
                        .values(m.values())
                        .build());
            case QueryString q ->
                b.queryStringConfig(QueryStringConditionConfig.builder()
                        .values(q.pairs().stream()
                                .map(p -> QueryStringKeyValuePair.builder()
                                        .key(p.key())
                                        .value(p.value())
                                        .build())
                                .toList())
                        .build());
            case SourceIp s ->
                b.sourceIpConfig(
                        SourceIpConditionConfig.builder().values(s.cidrs()).build());
        }
        return b.build();
    }

    // ---- actions

    /**
     * The terminal action of an SDK action list (ordered by Order). Authenticate actions are not modelled by core and
     * are refused rather than silently dropped, so a write never loses them.
     */
    static List<Action> actions(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> actions) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> sorted = actions.stream()
                .sorted(Comparator.comparing(a -> a.order() == null ? Integer.MAX_VALUE : a.order()))
                .toList();
        List<Action> result = new ArrayList<>();
        for (var action : sorted) {
            result.add(action(action));
        }
        return result;
    }

    static Action action(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
        String type = a.typeAsString();
        return switch (type == null ? "" : type) {
            case "forward" -> forward(a);
            case "redirect" -> redirect(a.redirectConfig());
            case "fixed-response" -> fixedResponse(a.fixedResponseConfig());
            default ->
                throw new CoreException.Invalid(
                        "rule action",
                        List.of("type: '" + type + "' (expected: forward, redirect or fixed-response; Triage does not"
                                + " manage authenticate actions)"));
        };
    }

    private static Forward forward(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
        ForwardActionConfig config = a.forwardConfig();
        if (config == null || !config.hasTargetGroups() || config.targetGroups().isEmpty()) {
            return Forward.to(a.targetGroupArn());
        }
        List<WeightedTargetGroup> groups = config.targetGroups().stream()
                .map(t -> new WeightedTargetGroup(t.targetGroupArn(), t.weight() == null ? 1 : t.weight()))
                .toList();
        TargetGroupStickinessConfig sticky = config.targetGroupStickinessConfig();
        Duration stickiness =
                sticky != null && Boolean.TRUE.equals(sticky.enabled()) && sticky.durationSeconds() != null
                        ? Duration.ofSeconds(sticky.durationSeconds())
                        : null;
        return new Forward(groups, stickiness);
    }

    private static Redirect redirect(RedirectActionConfig r) {
        int status = "HTTP_302".equals(r.statusCodeAsString()) ? 302 : 301;
        return new Redirect(
                r.protocol() == null ? "#{protocol}" : r.protocol(),
                r.host() == null ? "#{host}" : r.host(),
                r.port() == null ? "#{port}" : r.port(),
                r.path() == null ? "/#{path}" : r.path(),
                r.query() == null ? "#{query}" : r.query(),
                status);
    }

    private static FixedResponse fixedResponse(FixedResponseActionConfig f) {
        return new FixedResponse(Integer.parseInt(f.statusCode()), f.contentType(), f.messageBody());
    }

    static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> sdkActions(List<Action> actions) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> result = new ArrayList<>();
        int order = 1;
        for (Action action : actions) {
            result.add(sdkAction(action, order++));
        }
        return result;
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action sdkAction(Action action, int order) {
        var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
                .order(order);
        switch (action) {
            case Forward f -> {
                var config = ForwardActionConfig.builder()
                        .targetGroups(f.targetGroups().stream()
                                .map(g -> TargetGroupTuple.builder()
                                        .targetGroupArn(g.targetGroupArn())
                                        .weight(g.weight())
                                        .build())
                                .toList());
                config.targetGroupStickinessConfig(
                        f.stickiness() == null
                                ? TargetGroupStickinessConfig.builder()
                                        .enabled(false)
                                        .build()
                                : TargetGroupStickinessConfig.builder()
                                        .enabled(true)
                                        .durationSeconds((int) f.stickiness().toSeconds())
                                        .build());
                b.type(ActionTypeEnum.FORWARD).forwardConfig(config.build());
            }
            case Redirect r ->
                b.type(ActionTypeEnum.REDIRECT)
                        .redirectConfig(RedirectActionConfig.builder()
                                .protocol(r.protocol())
                                .host(r.host())
                                .port(r.port())
                                .path(r.path())
                                .query(r.query())
                                .statusCode(
                                        r.statusCode() == 302
                                                ? RedirectActionStatusCodeEnum.HTTP_302
                                                : RedirectActionStatusCodeEnum.HTTP_301)
                                .build());
            case FixedResponse f ->
                b.type(ActionTypeEnum.FIXED_RESPONSE)
                        .fixedResponseConfig(FixedResponseActionConfig.builder()
                                .statusCode(Integer.toString(f.statusCode()))
                                .contentType(f.contentType())
                                .messageBody(f.messageBody())
                                .build());
        }
        return b.build();
    }

    // ---- target groups

    static TargetGroup targetGroup(
            software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g,
            boolean stickinessEnabled,
            Duration stickiness) {
        Protocol protocol = protocol(g.protocolAsString());
        Protocol checkProtocol = protocol(g.healthCheckProtocolAsString());
        var check = new TargetGroup.HealthCheck(
                checkProtocol == null ? Protocol.HTTP : checkProtocol,
                g.healthCheckPath() == null ? "/" : g.healthCheckPath(),
                g.healthCheckPort() == null ? "traffic-port" : g.healthCheckPort(),
                Duration.ofSeconds(g.healthCheckIntervalSeconds()),
                Duration.ofSeconds(g.healthCheckTimeoutSeconds()),
                g.healthyThresholdCount(),
                g.unhealthyThresholdCount(),
                g.matcher() == null || g.matcher().httpCode() == null
                        ? "200"
                        : g.matcher().httpCode());
        return new TargetGroup(
                g.targetGroupArn(),
                g.targetGroupName(),
                protocol,
                g.port() == null ? 0 : g.port(),
                stickinessEnabled,
                stickiness,
                check,
                g.loadBalancerArns());
    }

    static TargetHealth targetHealth(
            software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription d, int defaultPort) {
        var health = d.targetHealth();
        String state = health == null ? null : health.stateAsString();
        TargetHealth.State mapped = switch (state == null ? "" : state) {
            case "initial" -> TargetHealth.State.INITIAL;
            case "healthy" -> TargetHealth.State.HEALTHY;
            case "unhealthy", "unhealthy.draining" -> TargetHealth.State.UNHEALTHY;
            case "unused" -> TargetHealth.State.UNUSED;
            case "draining" -> TargetHealth.State.DRAINING;
            default -> TargetHealth.State.UNAVAILABLE;
        };
        Integer port = d.target().port();
        return new TargetHealth(
                d.target().id(),
                port == null ? defaultPort : port,
                mapped,
                health == null ? null : health.reasonAsString(),
                health == null ? null : health.description());
    }
}
