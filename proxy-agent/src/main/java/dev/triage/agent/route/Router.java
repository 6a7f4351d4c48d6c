package dev.triage.agent.route;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.gate.Gate;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A listener's rules compiled the way an ALB evaluates them: lowest priority first, all conditions of
 * a rule AND-ed (values inside one condition OR-ed), the default action when no rule matches.
 * Matching reads the request line, headers and client address only, never the body. Immutable and
 * thread-safe; compile a new one for each config snapshot.
 */
public final class Router {

    /** The route name of a listener's default action. */
    public static final String DEFAULT_ROUTE = "default";

    /** The group-stickiness cookie of forward actions. */
    public static final String STICKY_COOKIE = WeightedGroups.COOKIE_NAME;

    private static final String DEFAULT_CONTENT_TYPE = "text/plain";

    private final CompiledRule[] rules;
    private final RouteMatch defaultRoute;
    private final List<RouteMatch> routes;

    private Router(CompiledRule[] rules, RouteMatch defaultRoute) {
        this.rules = rules;
        this.defaultRoute = defaultRoute;
        List<RouteMatch> all = new ArrayList<>(rules.length + 1);
        for (CompiledRule rule : rules) {
            all.add(rule.route());
        }
        all.add(defaultRoute);
        this.routes = List.copyOf(all);
    }

    /** Compiles with ThreadLocalRandom for weighted choices. */
    public static Router compile(Listener listener) {
        return compile(listener, ThreadLocalRandom::current);
    }

    /**
     * Compiles a listener; {@code random} supplies the generator each weighted choice draws from (tests
     * pass a seeded one; it is called on the request thread).
     *
     * @throws IllegalArgumentException naming the field when the listener cannot be compiled
     */
    public static Router compile(Listener listener, Supplier<? extends RandomGenerator> random) {
        requireNonNull(listener, "listener");
        requireNonNull(random, "random");
        String protocol = listener.protocol();
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            throw new IllegalArgumentException(
                    "listener " + listener.name() + ": protocol '" + protocol + "' (expected: HTTP or HTTPS)");
        }
        Map<Integer, String> priorities = new HashMap<>();
        List<CompiledRule> compiled = new ArrayList<>(listener.rules().size());
        for (int i = 0; i < listener.rules().size(); i++) {
            Rule rule = listener.rules().get(i);
            String field = "listener " + listener.name() + ": rules[" + i + "]";
            if (rule == null) {
                throw new IllegalArgumentException(field + ": null (expected: a rule)");
            }
            if (rule.name() == null || rule.name().isBlank()) {
                throw new IllegalArgumentException(field + ".name: missing (expected: a unique rule name)");
            }
            String previous = priorities.putIfAbsent(rule.priority(), rule.name());
            if (previous != null) {
                throw new IllegalArgumentException(field + ".priority: " + rule.priority() + " is also rule " + previous
                        + "'s (expected: unique within a listener)");
            }
            compiled.add(compileRule(
                    rule, "listener " + listener.name() + ": rules[" + rule.name() + "]", listener, random));
        }
        compiled.sort(Comparator.comparingInt(CompiledRule::priority));
        if (listener.defaultAction() == null) {
            throw new IllegalArgumentException(
                    "listener " + listener.name() + ": defaultAction: null (expected: an action)");
        }
        RouteAction defaultAction = compileAction(
                listener.defaultAction(), "listener " + listener.name() + ": defaultAction", listener, random);
        RouteMatch defaultRoute = new RouteMatch(DEFAULT_ROUTE, RoutePolicy.NONE, defaultAction, Gate.OPEN);
        return new Router(compiled.toArray(CompiledRule[]::new), defaultRoute);
    }

    /** The first rule (by priority) whose conditions all hold, or the default route. */
    public RouteMatch match(ProxyRequest request) {
        RequestView view = new RequestView(request);
        for (CompiledRule rule : rules) {
            if (rule.matches(view)) {
                return rule.route();
            }
        }
        return defaultRoute;
    }

    /** Every route in evaluation order, the default last (for stats and metrics registration). */
    public List<RouteMatch> routes() {
        return routes;
    }

    private static CompiledRule compileRule(
            Rule rule, String field, Listener listener, Supplier<? extends RandomGenerator> random) {
        List<Condition> conditions = rule.conditions();
        RequestCondition[] compiled = new RequestCondition[conditions.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = RequestCondition.compile(conditions.get(i), field + ".conditions[" + i + "]");
        }
        RouteAction action = compileAction(rule.action(), field + ".action", listener, random);
        Gate gate;
        try {
            gate = Gate.compile(rule.policy().gates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".policy.gates." + e.getMessage(), e);
        }
        return new CompiledRule(rule.priority(), compiled, new RouteMatch(rule.name(), rule.policy(), action, gate));
    }

    static RouteAction compileAction(
            Action action, String field, Listener listener, Supplier<? extends RandomGenerator> random) {
        if (action == null || action.type() == null) {
            throw new IllegalArgumentException(
                    field + ".type: missing (expected: forward, redirect or fixed-response)");
        }
        return switch (action.type()) {
            case Action.FORWARD -> new RouteAction.Forward(WeightedGroups.compile(action.forward(), field, random));
            case Action.REDIRECT ->
                new RouteAction.Redirect(
                        LocationTemplate.compile(action.redirect(), field, listener.protocol(), listener.port()));
            case Action.FIXED_RESPONSE -> new RouteAction.Fixed(fixedResponse(action.fixedResponse(), field));
            default ->
                throw new IllegalArgumentException(
                        field + ".type: '" + action.type() + "' (expected: forward, redirect or fixed-response)");
        };
    }

    private static ProxyResponse fixedResponse(Action.FixedResponse fixed, String field) {
        if (fixed == null) {
            throw new IllegalArgumentException(
                    field + ".fixedResponse: null (expected: a fixed response for a fixed-response action)");
        }
        if (fixed.statusCode() < 200 || fixed.statusCode() > 599) {
            throw new IllegalArgumentException(
                    field + ".fixedResponse.statusCode: " + fixed.statusCode() + " (expected: 200..599)");
        }
        String contentType = fixed.contentType() == null ? DEFAULT_CONTENT_TYPE : fixed.contentType();
        byte[] body = fixed.body() == null ? null : fixed.body().getBytes(StandardCharsets.UTF_8);
        return new ProxyResponse(fixed.statusCode(), Headers.of("Content-Type", contentType), body);
    }

    /** A rule with its conditions (AND) and its ready match. */
    private record CompiledRule(int priority, RequestCondition[] conditions, RouteMatch route) {
        boolean matches(RequestView request) {
            for (RequestCondition condition : conditions) {
                if (!condition.test(request)) {
                    return false;
                }
            }
            return true;
        }
    }
}
