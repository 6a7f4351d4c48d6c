package dev.triage.core.change;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.ForwardingLoadBalancers;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    static final class Intercepting extends ForwardingLoadBalancers {
        private final Function<Integer, RuntimeException> onModify;
        private int modifies;

        Intercepting(LoadBalancers delegate, Function<Integer, RuntimeException> onModify) {
            super(delegate);
            this.onModify = onModify;
        }

        @Override
        public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
            RuntimeException failure = onModify.apply(++modifies);
            if (failure != null) {
                throw failure;
            }
            return super.modifyRule(ruleArn, conditions, actions);
        }
    }
}
