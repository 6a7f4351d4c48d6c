package dev.triage.console.security;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.LoadBalancers;
import java.util.ArrayList;
import java.util.List;

/**
 * Which listener a block goes on: the one whose rules carry the alert's route (a rule named so, or
 * {@code default:<listener>}), else the only listener, else the first one serving HTTP or HTTPS.
 * Blocking; run it off the UI thread.
 */
final class BlockTarget {

    private static final String DEFAULT_PREFIX = "default:";

    private BlockTarget() {}

    static String listenerFor(LoadBalancers loadBalancers, String route) {
        List<Listener> listeners = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            listeners.addAll(loadBalancers.listeners(lb.arn()));
        }
        if (listeners.isEmpty()) {
            throw new CoreException.NotFound("listener", "any (no load balancer has a listener to block on)");
        }
        if (listeners.size() == 1) {
            return listeners.getFirst().arn();
        }
        if (route.startsWith(DEFAULT_PREFIX)) {
            String name = route.substring(DEFAULT_PREFIX.length());
            for (Listener listener : listeners) {
                if (endsWithName(listener.arn(), name)) {
                    return listener.arn();
                }
            }
        }
        for (Listener listener : listeners) {
            for (Rule rule : loadBalancers.rules(listener.arn())) {
                if (!rule.isDefault() && endsWithName(rule.arn(), route)) {
                    return listener.arn();
                }
            }
        }
        return listeners.getFirst().arn();
    }

    private static boolean endsWithName(String arn, String name) {
        return arn.endsWith("/" + name) || arn.endsWith(":" + name);
    }
}
