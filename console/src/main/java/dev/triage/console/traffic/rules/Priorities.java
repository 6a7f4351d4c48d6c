package dev.triage.console.traffic.rules;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import java.util.Optional;

/** A typed priority checked against ALB's range and the listener's other rules. */
final class Priorities {

    private Priorities() {}

    static Optional<RulePriority> parse(String text) {
        return Numbers.parse(text).flatMap(n -> {
            try {
                return Optional.of(RulePriority.of(n));
            } catch (CoreException.Invalid e) {
                return Optional.empty();
            }
        });
    }

    /** What is wrong with {@code text} as the priority of the context's rule, if anything. */
    static Optional<String> problem(String text, RuleEditorViewModel.Context context) {
        Optional<Integer> number = Numbers.parse(text);
        String expected = RulePriority.MIN + ".." + RulePriority.MAX;
        if (number.isEmpty()) {
            return Optional.of("priority: " + (text == null || text.isBlank() ? "missing" : "'" + text.strip() + "'")
                    + " (expected: a whole number " + expected + ")");
        }
        RulePriority priority;
        try {
            priority = RulePriority.of(number.get());
        } catch (CoreException.Invalid e) {
            return Optional.of(e.problems().getFirst());
        }
        Rule self = context.rule();
        return context.listenerRules().stream()
                .filter(r -> r.priority().equals(priority)
                        && (self == null || !r.arn().equals(self.arn())))
                .findFirst()
                .map(holder -> "priority: " + priority.text() + " is taken by the rule where "
                        + holder.conditions().stream()
                                .map(c -> c.describe())
                                .reduce((a, b) -> a + " and " + b)
                                .orElse("any request")
                        + " (expected: a priority no other rule of this listener holds; "
                        + context.lowestFreePriority() + " is free)");
    }
}
