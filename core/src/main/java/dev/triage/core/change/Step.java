package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.port.LoadBalancers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One exact call of a plan and what it does to the resources it touches. Every step has an exact
 * inverse: ModifyRule and ModifyListener set the previous values back, SetRulePriorities the
 * previous priorities, a create is undone by deleting what it created, and a delete by creating
 * the same rule (same listener, priority, conditions and actions; the provider gives it a new ARN)
 * or the same HTTPS listener.
 */
sealed interface Step {

    /** The call as a plan shows and journals it. */
    ApiCall call();

    /** Makes the call through the port; returns the resource it created (real ARN), else null. */
    Resource execute(LoadBalancers port);

    /** The step that undoes this one; {@code created} is what {@link #execute} returned. */
    Step inverse(Resource created);

    /**
     * Where the step goes in a plan made forward (a planner method): new listeners first, then
     * priority moves, rule edits, new rules, the default rule, listener edits and last deletions,
     * so that every state in between serves at least what the state before served. An undo runs
     * the inverses in the reverse order.
     */
    int order();

    /** The resource this step creates (planned, with a provisional ARN), or null. */
    default Resource creates() {
        return null;
    }

    static final String RULE_ARN = "RuleArn";
    static final String LISTENER_ARN = "ListenerArn";
    static final String LOAD_BALANCER_ARN = "LoadBalancerArn";
    static final String CONDITIONS = "Conditions";
    static final String ACTIONS = "Actions";
    static final String PRIORITY = "Priority";
    static final String PRIORITIES = "RulePriorities";
    static final String DEFAULT_ACTIONS = "DefaultActions";
    static final String CERTIFICATES = "Certificates";
    static final String SSL_POLICY = "SslPolicy";
    static final String PROTOCOL = "Protocol";
    static final String PORT = "Port";

    /** ModifyRule: a rule's conditions and actions (the default rule's actions are its listener's). */
    record ModifyRule(Rule before, Rule after) implements Step {
        public ModifyRule {
            requireNonNull(before, "before");
            requireNonNull(after, "after");
        }

        @Override
        public ApiCall call() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(RULE_ARN, after.arn());
            parameters.put(CONDITIONS, after.conditions());
            parameters.put(ACTIONS, after.actions());
            return new ApiCall(
                    "ModifyRule", parameters, "rule " + after.priority().text() + " " + ruleText(after, before));
        }

        @Override
        public Resource execute(LoadBalancers port) {
            port.modifyRule(after.arn(), after.conditions(), after.actions());
            return null;
        }

        @Override
        public Step inverse(Resource created) {
            return new ModifyRule(after, before);
        }

        @Override
        public int order() {
            return after.isDefault() ? 4 : 2;
        }

        /** Only the action when the conditions stay (as a weight shift reads), else both. */
        private static String ruleText(Rule rule, Rule was) {
            if (rule.conditions().equals(was.conditions())) {
                return PlanPreview.describe(rule.action());
            }
            return "if " + PlanPreview.conditions(rule.conditions()) + " then " + PlanPreview.describe(rule.action());
        }
    }

    /** SetRulePriorities: moves rules in one call (so two rules can swap). */
    record SetPriorities(List<Rule> before, List<Rule> after) implements Step {
        public SetPriorities {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        @Override
        public ApiCall call() {
            Map<String, Object> priorities = new LinkedHashMap<>();
            for (Rule rule : after) {
                priorities.put(rule.arn(), rule.priority().text());
            }
            String moves = after.stream()
                    .map(r -> "rule " + priorityOf(before, r.arn()) + " -> "
                            + r.priority().text())
                    .collect(Collectors.joining(", "));
            return new ApiCall("SetRulePriorities", Map.of(PRIORITIES, priorities), moves);
        }

        @Override
        public Resource execute(LoadBalancers port) {
            Map<String, RulePriority> priorities = new LinkedHashMap<>();
            after.forEach(r -> priorities.put(r.arn(), r.priority()));
            port.setRulePriorities(priorities);
            return null;
        }

        @Override
        public Step inverse(Resource created) {
            return new SetPriorities(after, before);
        }

        @Override
        public int order() {
            return 1;
        }

        private static String priorityOf(List<Rule> rules, String arn) {
            return rules.stream()
                    .filter(r -> r.arn().equals(arn))
                    .map(r -> r.priority().text())
                    .findFirst()
                    .orElse("?");
        }
    }

    /** CreateRule: a new rule at a free priority. */
    record CreateRule(Rule planned) implements Step {
        public CreateRule {
            requireNonNull(planned, "planned");
            if (planned.isDefault()) {
                throw new CoreException.Invalid(
                        "new rule",
                        List.of("priority: default (expected: " + RulePriority.MIN + ".." + RulePriority.MAX + ")"));
            }
        }

        @Override
        public ApiCall call() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(LISTENER_ARN, planned.listenerArn());
            parameters.put(PRIORITY, planned.priority().text());
            parameters.put(CONDITIONS, planned.conditions());
            parameters.put(ACTIONS, planned.actions());
            return new ApiCall(
                    "CreateRule",
                    parameters,
                    "new rule " + planned.priority().text() + " if " + PlanPreview.conditions(planned.conditions())
                            + " then " + PlanPreview.describe(planned.action()));
        }

        @Override
        public Resource execute(LoadBalancers port) {
            return port.createRule(planned.listenerArn(), planned.priority(), planned.conditions(), planned.actions());
        }

        @Override
        public Step inverse(Resource created) {
            return new DeleteRule((Rule) requireNonNull(created, "created"));
        }

        @Override
        public int order() {
            return 3;
        }

        @Override
        public Resource creates() {
            return planned;
        }
    }

    /** DeleteRule: removes a numbered rule. */
    record DeleteRule(Rule before) implements Step {
        public DeleteRule {
            requireNonNull(before, "before");
            if (before.isDefault()) {
                throw new CoreException.Invalid(
                        "rule " + before.arn(),
                        List.of("rule: the default rule (expected: a numbered rule; the listener needs its default)"));
            }
        }

        @Override
        public ApiCall call() {
            return new ApiCall(
                    "DeleteRule",
                    Map.of(RULE_ARN, before.arn()),
                    "delete rule " + before.priority().text() + " (if " + PlanPreview.conditions(before.conditions())
                            + " then " + PlanPreview.describe(before.action()) + ")");
        }

        @Override
        public Resource execute(LoadBalancers port) {
            port.deleteRule(before.arn());
            return null;
        }

        @Override
        public Step inverse(Resource created) {
            return new CreateRule(before);
        }

        @Override
        public int order() {
            return 6;
        }
    }

    /** ModifyListener: default actions, certificates and SSL policy; only what changes is sent. */
    record ModifyListener(Listener before, Listener after) implements Step {
        public ModifyListener {
            requireNonNull(before, "before");
            requireNonNull(after, "after");
        }

        @Override
        public ApiCall call() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(LISTENER_ARN, after.arn());
            if (!Objects.equals(before.defaultActions(), after.defaultActions())) {
                parameters.put(DEFAULT_ACTIONS, after.defaultActions());
            }
            if (!Objects.equals(before.certificateArns(), after.certificateArns())) {
                parameters.put(CERTIFICATES, after.certificateArns());
            }
            if (!Objects.equals(before.sslPolicy(), after.sslPolicy())) {
                parameters.put(SSL_POLICY, after.sslPolicy());
            }
            return new ApiCall(
                    "ModifyListener",
                    parameters,
                    "listener " + after.protocol() + " " + after.port() + ": "
                            + PlanPreview.listenerChange(before, after));
        }

        @Override
        public Resource execute(LoadBalancers port) {
            port.modifyListener(
                    after.arn(),
                    Objects.equals(before.defaultActions(), after.defaultActions()) ? null : after.defaultActions(),
                    Objects.equals(before.certificateArns(), after.certificateArns()) ? null : after.certificateArns(),
                    Objects.equals(before.sslPolicy(), after.sslPolicy()) ? null : after.sslPolicy());
            return null;
        }

        @Override
        public Step inverse(Resource created) {
            return new ModifyListener(after, before);
        }

        @Override
        public int order() {
            return 5;
        }
    }

    /** CreateListener: an HTTPS listener with an explicit SSL policy. */
    record CreateListener(Listener planned) implements Step {
        public CreateListener {
            requireNonNull(planned, "planned");
            if (planned.protocol() != Protocol.HTTPS) {
                throw new CoreException.Invalid(
                        "new listener on port " + planned.port(),
                        List.of("protocol: " + planned.protocol() + " (expected: HTTPS; Triage creates only HTTPS"
                                + " listeners)"));
            }
        }

        @Override
        public ApiCall call() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(LOAD_BALANCER_ARN, planned.loadBalancerArn());
            parameters.put(PROTOCOL, planned.protocol().name());
            parameters.put(PORT, planned.port());
            parameters.put(CERTIFICATES, planned.certificateArns());
            parameters.put(SSL_POLICY, planned.sslPolicy());
            parameters.put(DEFAULT_ACTIONS, planned.defaultActions());
            return new ApiCall(
                    "CreateListener",
                    parameters,
                    "new HTTPS listener on port " + planned.port() + ", policy " + planned.sslPolicy() + ", "
                            + PlanPreview.describe(planned.defaultAction()));
        }

        @Override
        public Resource execute(LoadBalancers port) {
            return port.createHttpsListener(
                    planned.loadBalancerArn(),
                    planned.port(),
                    planned.certificateArns(),
                    planned.sslPolicy(),
                    planned.defaultActions());
        }

        @Override
        public Step inverse(Resource created) {
            return new DeleteListener((Listener) requireNonNull(created, "created"));
        }

        @Override
        public int order() {
            return 0;
        }

        @Override
        public Resource creates() {
            return planned;
        }
    }

    /** DeleteListener: removes an HTTPS listener (with its default rule; the plan checks it has no other). */
    record DeleteListener(Listener before) implements Step {
        public DeleteListener {
            requireNonNull(before, "before");
            if (before.protocol() != Protocol.HTTPS) {
                throw new CoreException.Invalid(
                        "listener " + before.arn(),
                        List.of("protocol: " + before.protocol() + " (expected: HTTPS; Triage deletes only listeners"
                                + " it can create again)"));
            }
        }

        @Override
        public ApiCall call() {
            return new ApiCall(
                    "DeleteListener",
                    Map.of(LISTENER_ARN, before.arn()),
                    "delete " + before.protocol() + " listener on port " + before.port());
        }

        @Override
        public Resource execute(LoadBalancers port) {
            port.deleteListener(before.arn());
            return null;
        }

        @Override
        public Step inverse(Resource created) {
            return new CreateListener(before);
        }

        @Override
        public int order() {
            return 7;
        }
    }
}
