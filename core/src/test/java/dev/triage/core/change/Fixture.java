package dev.triage.core.change;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A seeded fake load balancer and helpers shared by the change tests. */
final class Fixture {

    private Fixture() {}

    static InMemoryLoadBalancers seeded() {
        return new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(Samples.targetGroup(REPLACEMENT, "replacement", false))
                .add(Samples.httpListener());
    }

    static Rule createRule(LoadBalancers lbs, int priority, String path, int legacy, int replacement) {
        return lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(priority),
                List.of(PathPattern.of(path)),
                List.of(Samples.split(legacy, replacement)));
    }

    static Forward forwardOf(LoadBalancers lbs, String ruleArn) {
        return (Forward) lbs.rules(HTTP_LISTENER).stream()
                .filter(r -> r.arn().equals(ruleArn))
                .findFirst()
                .orElseThrow()
                .action();
    }

    /** Records every sleep instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    /** Delegates to a load balancer port, letting a test intercept modifyRule by call number (1-based). */
    static final class Intercepting implements LoadBalancers {
        private final LoadBalancers delegate;
        private final Function<Integer, RuntimeException> onModify;
        private int modifies;

        Intercepting(LoadBalancers delegate, Function<Integer, RuntimeException> onModify) {
            this.delegate = delegate;
            this.onModify = onModify;
        }

        @Override
        public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
            RuntimeException failure = onModify.apply(++modifies);
            if (failure != null) {
                throw failure;
            }
            return delegate.modifyRule(ruleArn, conditions, actions);
        }

        @Override
        public List<LoadBalancer> loadBalancers() {
            return delegate.loadBalancers();
        }

        @Override
        public List<Listener> listeners(String loadBalancerArn) {
            return delegate.listeners(loadBalancerArn);
        }

        @Override
        public List<Rule> rules(String listenerArn) {
            return delegate.rules(listenerArn);
        }

        @Override
        public List<TargetGroup> targetGroups(String loadBalancerArn) {
            return delegate.targetGroups(loadBalancerArn);
        }

        @Override
        public List<TargetHealth> targetHealth(String targetGroupArn) {
            return delegate.targetHealth(targetGroupArn);
        }

        @Override
        public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
            return delegate.setRulePriorities(priorities);
        }

        @Override
        public Rule createRule(
                String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
            return delegate.createRule(listenerArn, priority, conditions, actions);
        }

        @Override
        public void deleteRule(String ruleArn) {
            delegate.deleteRule(ruleArn);
        }

        @Override
        public Listener modifyListener(
                String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
            return delegate.modifyListener(listenerArn, defaultActions, certificateArns, sslPolicy);
        }

        @Override
        public Listener createHttpsListener(
                String loadBalancerArn,
                int port,
                List<String> certificateArns,
                String sslPolicy,
                List<Action> defaultActions) {
            return delegate.createHttpsListener(loadBalancerArn, port, certificateArns, sslPolicy, defaultActions);
        }

        @Override
        public void deleteListener(String listenerArn) {
            delegate.deleteListener(listenerArn);
        }

        @Override
        public List<SslPolicy> sslPolicies() {
            return delegate.sslPolicies();
        }
    }
}
