package dev.triage.core.change;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps that take one set of resources to another. Resources are matched by ARN: one in both
 * is modified (a rule's priority with SetRulePriorities, its conditions and actions with
 * ModifyRule; a listener with ModifyListener), one only in {@code to} is created, one only in
 * {@code from} deleted. A created resource's ARN in {@code to} is provisional: the provider gives
 * it its own, and the plan identifies it by its place (a rule by listener and priority, a listener
 * by load balancer and port).
 */
final class Transition {

    /** Forward: a plan a planner method makes. Backward: an undo, a recovery or a restore. */
    enum Direction {
        FORWARD,
        BACKWARD
    }

    private Transition() {}

    static List<Step> steps(List<Resource> from, List<Resource> to, Direction direction) {
        Map<String, Resource> fromByArn = byArn(from);
        Map<String, Resource> toByArn = byArn(to);
        List<Step> steps = new ArrayList<>();
        List<Rule> movedFrom = new ArrayList<>();
        List<Rule> movedTo = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Resource target : to) {
            Resource source = fromByArn.get(target.arn());
            if (source == null) {
                switch (target) {
                    case Rule rule -> steps.add(new Step.CreateRule(rule));
                    case Listener listener -> steps.add(new Step.CreateListener(listener));
                    default -> problems.add(unsupported(target));
                }
            } else if (source.equals(target)) {
                continue;
            } else if (source instanceof Rule was && target instanceof Rule rule) {
                if (!was.listenerArn().equals(rule.listenerArn())) {
                    problems.add("rule " + rule.arn() + ": listener " + was.listenerArn() + " -> " + rule.listenerArn()
                            + " (expected: a rule stays on its listener)");
                    continue;
                }
                if (!was.priority().equals(rule.priority())) {
                    if (was.isDefault() || rule.isDefault()) {
                        problems.add("rule " + rule.arn() + ": priority "
                                + was.priority().text() + " -> "
                                + rule.priority().text() + " (expected: the default rule stays last)");
                        continue;
                    }
                    movedFrom.add(was);
                    movedTo.add(rule);
                }
                if (!was.conditions().equals(rule.conditions())
                        || !was.actions().equals(rule.actions())) {
                    steps.add(new Step.ModifyRule(was, rule));
                }
            } else if (source instanceof Listener was && target instanceof Listener listener) {
                if (was.protocol() != listener.protocol()
                        || was.port() != listener.port()
                        || !was.loadBalancerArn().equals(listener.loadBalancerArn())) {
                    problems.add("listener " + listener.arn() + ": " + was.protocol() + " " + was.port() + " -> "
                            + listener.protocol() + " " + listener.port()
                            + " (expected: the same protocol, port and load balancer)");
                    continue;
                }
                steps.add(new Step.ModifyListener(was, listener));
            } else {
                problems.add(unsupported(target));
            }
        }
        if (!movedTo.isEmpty()) {
            steps.add(new Step.SetPriorities(movedFrom, movedTo));
        }
        for (Resource source : from) {
            if (!toByArn.containsKey(source.arn())) {
                switch (source) {
                    case Rule rule -> steps.add(new Step.DeleteRule(rule));
                    case Listener listener -> steps.add(new Step.DeleteListener(listener));
                    default -> problems.add(unsupported(source));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("change", problems);
        }
        return ordered(steps, direction);
    }

    /**
     * The plan's steps in the plan's call order. Invalid unless the calls are exactly the calls
     * that take the plan's {@code before} to its {@code after} (in any order).
     */
    static List<Step> of(ChangePlan plan) {
        List<Step> derived = new ArrayList<>(steps(plan.before(), plan.after(), Direction.FORWARD));
        List<Step> inPlanOrder = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ApiCall call : plan.calls()) {
            Step match = derived.stream()
                    .filter(s -> s.call().equals(call))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                problems.add("call: " + call.operation() + " " + call.description()
                        + " (expected: a call that takes the plan's before to its after)");
            } else {
                derived.remove(match);
                inPlanOrder.add(match);
            }
        }
        for (Step missing : derived) {
            problems.add("calls: no " + missing.call().operation() + " "
                    + missing.call().description()
                    + " (expected: every call that takes the plan's before to its after)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("plan " + plan.id(), problems);
        }
        return List.copyOf(inPlanOrder);
    }

    static List<ApiCall> calls(List<Step> steps) {
        return steps.stream().map(Step::call).toList();
    }

    /**
     * Forward: by {@link Step#order()}. Backward: by the reverse of the order the inverse step
     * would have forward, so an undo runs in the reverse order of what it undoes.
     */
    private static List<Step> ordered(List<Step> steps, Direction direction) {
        List<Step> out = new ArrayList<>(steps);
        if (direction == Direction.FORWARD) {
            out.sort(Comparator.comparingInt(Step::order));
        } else {
            java.util.Collections.reverse(out);
            out.sort(Comparator.comparingInt(s -> -inverseOrder(s)));
        }
        return out;
    }

    private static int inverseOrder(Step step) {
        return switch (step) {
            case Step.ModifyRule m -> m.order();
            case Step.SetPriorities p -> p.order();
            case Step.ModifyListener m -> m.order();
            case Step.CreateRule c -> 6;
            case Step.DeleteRule d -> 3;
            case Step.CreateListener c -> 7;
            case Step.DeleteListener d -> 0;
        };
    }

    private static Map<String, Resource> byArn(List<Resource> resources) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (out.put(resource.arn(), resource) != null) {
                throw new CoreException.Invalid(
                        "change", List.of("resource: " + resource.arn() + " twice (expected: each resource once)"));
            }
        }
        return out;
    }

    private static String unsupported(Resource resource) {
        return "resource: " + resource.getClass().getSimpleName() + " " + resource.arn()
                + " (expected: a rule or a listener)";
    }

    /** {@code resource} with another ARN (a created resource once the provider named it). */
    static Resource withArn(Resource resource, String arn) {
        return switch (resource) {
            case Rule r -> new Rule(arn, r.listenerArn(), r.priority(), r.conditions(), r.actions());
            case Listener l ->
                new Listener(
                        arn,
                        l.loadBalancerArn(),
                        l.protocol(),
                        l.port(),
                        l.certificateArns(),
                        l.sslPolicy(),
                        l.defaultActions());
            default ->
                throw new IllegalArgumentException("resource: " + resource.arn() + " (expected: a rule or a listener)");
        };
    }

    /** Whether {@code live} is what {@code planned} creates: the same place and content, any ARN. */
    static boolean sameButArn(Resource planned, Resource live) {
        return planned.getClass().equals(live.getClass())
                && withArn(planned, live.arn()).equals(live);
    }
}
