package dev.triage.agent.server;

import dev.triage.agent.api.config.Listener;
import dev.triage.agent.cache.ResponseCache;
import dev.triage.agent.detect.SecurityMonitor;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.metrics.AgentMetrics;
import dev.triage.agent.metrics.RouteMetrics;
import dev.triage.agent.metrics.TargetGroupMetrics;
import dev.triage.agent.retry.RetryBudget;
import dev.triage.agent.route.RouteAction;
import dev.triage.agent.route.RouteMatch;
import dev.triage.agent.route.Router;
import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.TargetGroupRuntime;
import dev.triage.agent.upstream.UpstreamException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/** A listener's routes compiled for one snapshot: the router, and each route's runtime by identity. */
final class RouteTable {

    /** Request bodies above this are refused with 413 when the route's gate sets no lower bound. */
    static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final String listenerName;
    private final Router router;
    private final Map<RouteMatch, RouteRuntime> routes;

    private RouteTable(String listenerName, Router router, Map<RouteMatch, RouteRuntime> routes) {
        this.listenerName = listenerName;
        this.router = router;
        this.routes = routes;
    }

    static RouteTable compile(
            Listener listener,
            Map<String, TargetGroupRuntime> groups,
            Pipeline pipeline,
            ResponseCache cache,
            AgentMetrics metrics,
            SecurityMonitor.Compiled detection) {
        Router router = Router.compile(listener);
        Map<RouteMatch, RouteRuntime> routes = new IdentityHashMap<>();
        for (RouteMatch match : router.routes()) {
            String name = match.isDefault() ? "default:" + listener.name() : match.name();
            RouteMetrics routeMetrics = metrics.route(name);
            long gateBound = match.gate().maxBodyBytes();
            long maxBody = gateBound > 0 ? gateBound : DEFAULT_MAX_BODY_BYTES;
            Map<String, RouteRuntime.Forwarding> forwards = new HashMap<>();
            if (match.action() instanceof RouteAction.Forward forward) {
                RetryBudget budget = Pipeline.budget(match.policy());
                for (String groupName : forward.targetGroups()) {
                    TargetGroupRuntime group = groups.get(groupName);
                    if (group == null) {
                        throw new IllegalArgumentException("listener " + listener.name() + ": route " + name
                                + ": target group '" + groupName + "' (expected: one of " + groups.keySet() + ")");
                    }
                    TargetGroupMetrics groupMetrics = metrics.targetGroup(groupName);
                    ExchangeListener listenerForPair =
                            new CountingListener(metrics.listener(routeMetrics, groupMetrics));
                    forwards.put(
                            groupName,
                            new RouteRuntime.Forwarding(
                                    pipeline.build(match.policy(), group, listenerForPair, budget, cache),
                                    groupMetrics));
                }
            }
            routes.put(
                    match,
                    new RouteRuntime(
                            name,
                            match,
                            routeMetrics,
                            maxBody,
                            Pipeline.timeout(match.policy()),
                            Map.copyOf(forwards),
                            detection.route(name, match.gate())));
        }
        return new RouteTable(listener.name(), router, routes);
    }

    String listenerName() {
        return listenerName;
    }

    /** Matches on the request line, headers and client address (the body is not read yet). */
    RouteRuntime match(ProxyRequest request) {
        return routes.get(router.match(request));
    }

    /** Counts attempts for the request in flight as well as for the metrics. */
    private record CountingListener(ExchangeListener delegate) implements ExchangeListener {
        @Override
        public void attempt(String targetGroup, String target, int status, UpstreamException.Kind failure, long nanos) {
            RequestContext.countAttempt();
            delegate.attempt(targetGroup, target, status, failure, nanos);
        }

        @Override
        public void retry() {
            delegate.retry();
        }

        @Override
        public void hedge() {
            delegate.hedge();
        }

        @Override
        public void budgetRefused() {
            delegate.budgetRefused();
        }

        @Override
        public void writeHeld() {
            delegate.writeHeld();
        }

        @Override
        public void cacheHit() {
            delegate.cacheHit();
        }

        @Override
        public void cacheMiss() {
            delegate.cacheMiss();
        }

        @Override
        public void cacheStale() {
            delegate.cacheStale();
        }
    }
}
