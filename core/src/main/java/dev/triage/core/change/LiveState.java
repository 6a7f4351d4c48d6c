package dev.triage.core.change;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.LoadBalancers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One read of the live state of the resources a plan touches: each listener's rules and each load
 * balancer's listeners read once (a rule or listener that is gone, or whose listener or load
 * balancer is gone, reads as absent), and the words for what differs from what a plan expects.
 */
final class LiveState {

    private final LoadBalancers port;
    private final Map<String, List<Rule>> rules = new HashMap<>();
    private final Map<String, List<Listener>> listeners = new HashMap<>();
    private final Set<String> goneListeners = new HashSet<>();

    LiveState(LoadBalancers port) {
        this.port = port;
    }

    List<Rule> rules(String listenerArn) {
        return rules.computeIfAbsent(listenerArn, arn -> {
            try {
                return port.rules(arn);
            } catch (CoreException.NotFound gone) {
                goneListeners.add(arn);
                return List.of();
            }
        });
    }

    List<Listener> listeners(String loadBalancerArn) {
        return listeners.computeIfAbsent(loadBalancerArn, arn -> {
            try {
                return port.listeners(arn);
            } catch (CoreException.NotFound gone) {
                return List.of();
            }
        });
    }

    /** The live resource with {@code resource}'s ARN, where {@code resource} says to look for it. */
    Optional<Resource> find(Resource resource) {
        return switch (resource) {
            case Rule rule ->
                rules(rule.listenerArn()).stream()
                        .filter(r -> r.arn().equals(rule.arn()))
                        .findFirst()
                        .map(r -> r);
            case Listener listener ->
                listeners(listener.loadBalancerArn()).stream()
                        .filter(l -> l.arn().equals(listener.arn()))
                        .findFirst()
                        .map(l -> l);
            default -> Optional.empty();
        };
    }

    /** What holds the place a created resource would take: a rule at its priority, a listener on its port. */
    Optional<Resource> atPlaceOf(Resource created) {
        return switch (created) {
            case Rule rule ->
                rules(rule.listenerArn()).stream()
                        .filter(r -> r.priority().equals(rule.priority()))
                        .findFirst()
                        .map(r -> r);
            case Listener listener ->
                listeners(listener.loadBalancerArn()).stream()
                        .filter(l -> l.port() == listener.port())
                        .findFirst()
                        .map(l -> l);
            default -> Optional.empty();
        };
    }

    /** The live state of the given resources, in their order; one that is gone is left out. */
    List<Resource> read(List<Resource> resources) {
        List<Resource> live = new ArrayList<>();
        for (Resource resource : resources) {
            find(resource).ifPresent(live::add);
        }
        return live;
    }

    /**
     * What differs, in words, between the live state and a plan's {@code before}: a touched
     * resource that changed or is gone, the place of a resource to create now taken, a listener
     * to delete that has rules besides its default. Empty when the plan can be applied.
     */
    List<String> drift(List<Resource> before, List<Resource> after) {
        Set<String> beforeArns = arns(before);
        List<String> out = new ArrayList<>(differences(before, "when planned"));
        for (Resource created : after) {
            if (beforeArns.contains(created.arn())) {
                continue;
            }
            atPlaceOf(created)
                    .filter(holder -> !beforeArns.contains(holder.arn()))
                    .ifPresent(holder ->
                            out.add(place(created) + " is taken by " + label(holder) + " (when planned: free)"));
            if (created instanceof Rule rule && isListenerGone(rule.listenerArn())) {
                out.add("listener " + rule.listenerArn() + " no longer exists");
            }
        }
        Set<String> afterArns = arns(after);
        for (Resource deleted : before) {
            if (deleted instanceof Listener listener && !afterArns.contains(listener.arn())) {
                List<Rule> others = rules(listener.arn()).stream()
                        .filter(r -> !r.isDefault())
                        .toList();
                if (!others.isEmpty()) {
                    out.add(label(listener) + " has " + others.size() + " rule(s) besides its default (when planned:"
                            + " none; deleting it would delete them)");
                }
            }
        }
        return out;
    }

    /**
     * What differs, in words, between the live state and a plan's expected {@code after}: a
     * resource that reads otherwise, a created one not found at its place, a deleted one still
     * there.
     */
    List<String> unmatched(List<Resource> expected, List<Resource> deleted) {
        List<String> out = new ArrayList<>(differences(expected, "planned"));
        for (Resource gone : deleted) {
            find(gone).ifPresent(still -> out.add(label(still) + " still exists (planned: deleted)"));
        }
        return out;
    }

    /** Expected resources that read otherwise or are gone, in words; empty when all match. */
    List<String> differences(List<Resource> expected, String expectedAs) {
        List<String> out = new ArrayList<>();
        for (Resource want : expected) {
            Optional<Resource> got = find(want);
            if (got.isEmpty()) {
                out.add(label(want) + " no longer exists");
            } else if (!got.get().equals(want)) {
                out.add(label(want) + " reads " + state(got.get()) + " (" + expectedAs + ": " + state(want) + ")");
            }
        }
        return out;
    }

    private boolean isListenerGone(String listenerArn) {
        rules(listenerArn);
        return goneListeners.contains(listenerArn);
    }

    static String label(Resource resource) {
        return switch (resource) {
            case Rule rule -> "rule " + rule.priority().text() + " (" + rule.arn() + ")";
            case Listener l -> "listener " + l.protocol() + " " + l.port() + " (" + l.arn() + ")";
            default -> resource.arn();
        };
    }

    static String place(Resource created) {
        return switch (created) {
            case Rule rule -> "priority " + rule.priority().text() + " of listener " + rule.listenerArn();
            case Listener l -> "port " + l.port() + " of load balancer " + l.loadBalancerArn();
            default -> created.arn();
        };
    }

    static String state(Resource resource) {
        return switch (resource) {
            case Rule rule ->
                "priority " + rule.priority().text() + ", " + rule.conditions().size() + " condition(s), "
                        + PlanPreview.describe(rule.action())
                        + (rule.conditions().isEmpty()
                                ? ""
                                : " (if " + PlanPreview.conditions(rule.conditions()) + ")");
            case Listener l ->
                l.protocol() + " " + l.port()
                        + (l.sslPolicy() == null ? "" : ", policy " + l.sslPolicy())
                        + (l.certificateArns().isEmpty() ? "" : ", certificates " + l.certificateArns())
                        + ", " + PlanPreview.describe(l.defaultAction());
            default -> resource.toString();
        };
    }

    static Set<String> arns(List<Resource> resources) {
        Set<String> out = new HashSet<>();
        resources.forEach(r -> out.add(r.arn()));
        return out;
    }
}
