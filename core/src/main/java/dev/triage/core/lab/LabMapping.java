package dev.triage.core.lab;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.WeightedTargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps between the agent's config records and core's domain, both ways, with the lab's ids. */
final class LabMapping {

    static final String LISTENER = "lab:listener/";
    static final String RULE = "lab:rule/";
    static final String TARGET_GROUP = "lab:targetgroup/";
    static final String LOAD_BALANCER = "lab:loadbalancer/";
    static final String DEFAULT_RULE = "default";

    private LabMapping() {}

    static String listenerArn(String listener) {
        return LISTENER + listener;
    }

    static String ruleArn(String listener, String rule) {
        return RULE + listener + "/" + rule;
    }

    static String targetGroupArn(String name) {
        return TARGET_GROUP + name;
    }

    /** The name after {@code prefix}, or null when {@code arn} does not start with it. */
    static String name(String prefix, String arn) {
        return arn != null && arn.startsWith(prefix) && arn.length() > prefix.length()
                ? arn.substring(prefix.length())
                : null;
    }

    static Action action(dev.triage.agent.api.config.Action action) {
        return switch (action.type()) {
            case dev.triage.agent.api.config.Action.FORWARD -> {
                var forward = action.forward();
                List<WeightedTargetGroup> groups = forward.targetGroups().stream()
                        .map(g -> new WeightedTargetGroup(targetGroupArn(g.name()), g.weight()))
                        .toList();
                var stickiness = forward.stickiness();
                yield new Forward(
                        groups,
                        stickiness != null && stickiness.enabled()
                                ? Duration.ofSeconds(stickiness.durationSeconds())
                                : null);
            }
            case dev.triage.agent.api.config.Action.REDIRECT -> {
                var r = action.redirect();
                yield new Redirect(r.protocol(), r.host(), r.port(), r.path(), r.query(), r.statusCode());
            }
            case dev.triage.agent.api.config.Action.FIXED_RESPONSE -> {
                var f = action.fixedResponse();
                yield new FixedResponse(f.statusCode(), f.contentType(), f.body());
            }
            default ->
                throw new CoreException.Invalid(
                        "agent action",
                        List.of("type: '" + action.type() + "' (expected: forward, redirect or fixed-response)"));
        };
    }

    static dev.triage.agent.api.config.Action action(Action action, AgentConfig config) {
        return switch (action) {
            case Forward forward -> {
                List<dev.triage.agent.api.config.Action.WeightedTargetGroup> groups = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                for (WeightedTargetGroup group : forward.targetGroups()) {
                    String name = name(TARGET_GROUP, group.targetGroupArn());
                    if (name == null
                            || config.targetGroups().stream()
                                    .noneMatch(tg -> tg.name().equals(name))) {
                        problems.add("target group: " + group.targetGroupArn() + " (expected: one of the edge's, "
                                + TARGET_GROUP + "<name>)");
                    } else {
                        groups.add(new dev.triage.agent.api.config.Action.WeightedTargetGroup(name, group.weight()));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new CoreException.Invalid("forward action", problems);
                }
                var stickiness = forward.stickiness() == null
                        ? null
                        : new dev.triage.agent.api.config.Action.Stickiness(
                                true, Math.toIntExact(forward.stickiness().toSeconds()));
                yield new dev.triage.agent.api.config.Action(
                        dev.triage.agent.api.config.Action.FORWARD,
                        new dev.triage.agent.api.config.Action.Forward(groups, stickiness),
                        null,
                        null);
            }
            case Redirect r ->
                new dev.triage.agent.api.config.Action(
                        dev.triage.agent.api.config.Action.REDIRECT,
                        null,
                        new dev.triage.agent.api.config.Action.Redirect(
                                r.protocol(), r.host(), r.port(), r.path(), r.query(), r.statusCode()),
                        null);
            case FixedResponse f ->
                dev.triage.agent.api.config.Action.fixed(f.statusCode(), f.contentType(), f.messageBody());
        };
    }

    static Condition condition(dev.triage.agent.api.config.Condition c) {
        return switch (c.type()) {
            case dev.triage.agent.api.config.Condition.PATH_PATTERN -> new PathPattern(c.values());
            case dev.triage.agent.api.config.Condition.HOST_HEADER -> new HostHeader(c.values());
            case dev.triage.agent.api.config.Condition.HTTP_HEADER -> new HttpHeader(c.headerName(), c.values());
            case dev.triage.agent.api.config.Condition.HTTP_REQUEST_METHOD -> new HttpRequestMethod(c.values());
            case dev.triage.agent.api.config.Condition.QUERY_STRING ->
                new QueryString(c.queryPairs().stream()
                        .map(p -> new QueryString.KeyValue(p.key(), p.value()))
                        .toList());
            case dev.triage.agent.api.config.Condition.SOURCE_IP -> new SourceIp(c.values());
            default ->
                throw new CoreException.Invalid(
                        "agent condition",
                        List.of("type: '" + c.type() + "' (expected: one of "
                                + dev.triage.agent.api.config.Condition.TYPES + ")"));
        };
    }

    static dev.triage.agent.api.config.Condition condition(Condition condition) {
        return switch (condition) {
            case PathPattern p -> agentCondition(p.field(), null, p.values());
            case HostHeader h -> agentCondition(h.field(), null, h.values());
            case HttpHeader h -> agentCondition(h.field(), h.name(), h.values());
            case HttpRequestMethod m -> agentCondition(m.field(), null, m.values());
            case SourceIp s -> agentCondition(s.field(), null, s.cidrs());
            case QueryString q ->
                new dev.triage.agent.api.config.Condition(
                        q.field(),
                        null,
                        null,
                        q.pairs().stream()
                                .map(p -> new dev.triage.agent.api.config.Condition.QueryPair(p.key(), p.value()))
                                .toList());
        };
    }

    private static dev.triage.agent.api.config.Condition agentCondition(
            String type, String headerName, List<String> values) {
        return new dev.triage.agent.api.config.Condition(type, headerName, values, null);
    }
}
