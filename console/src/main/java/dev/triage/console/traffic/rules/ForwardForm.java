package dev.triage.console.traffic.rules;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.WeightedTargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The forward action's fields: a weight for each target group of the load balancer (blank leaves
 * the group out) and the optional group stickiness in seconds.
 */
final class ForwardForm {

    static final String STICKINESS = "stickiness";

    /** One target group of the load balancer and the weight typed for it. */
    static final class GroupWeight {
        private final RuleEditorViewModel.Group group;
        private final StringProperty weight = new SimpleStringProperty("");
        private final StringProperty problem = new SimpleStringProperty("");

        GroupWeight(RuleEditorViewModel.Group group) {
            this.group = group;
        }

        RuleEditorViewModel.Group group() {
            return group;
        }

        StringProperty weightProperty() {
            return weight;
        }

        ReadOnlyStringProperty problemProperty() {
            return problem;
        }
    }

    private final List<GroupWeight> groups;
    private final StringProperty stickiness = new SimpleStringProperty("");
    private final FieldProblems problems = new FieldProblems(STICKINESS);

    ForwardForm(List<RuleEditorViewModel.Group> choices) {
        this.groups = choices.stream().map(GroupWeight::new).toList();
        if (!groups.isEmpty()) {
            groups.getFirst().weight.set("1");
        }
    }

    void load(Forward action) {
        groups.forEach(g -> g.weight.set(""));
        for (WeightedTargetGroup target : action.targetGroups()) {
            groups.stream()
                    .filter(g -> g.group.arn().equals(target.targetGroupArn()))
                    .findFirst()
                    .ifPresent(g -> g.weight.set(Integer.toString(target.weight())));
        }
        stickiness.set(
                action.stickiness() == null
                        ? ""
                        : Long.toString(action.stickiness().toSeconds()));
    }

    void onEdit(Runnable edited) {
        groups.forEach(g -> g.weight.addListener((obs, was, now) -> edited.run()));
        stickiness.addListener((obs, was, now) -> edited.run());
    }

    Optional<Forward> build() {
        List<WeightedTargetGroup> targets = new ArrayList<>();
        boolean ok = true;
        for (GroupWeight row : groups) {
            ok &= weigh(row, targets);
        }
        Duration sticky = null;
        List<String> found = new ArrayList<>();
        if (!stickiness.get().isBlank()) {
            Optional<Integer> seconds = Numbers.parse(stickiness.get());
            if (seconds.isPresent()) {
                sticky = Duration.ofSeconds(seconds.get());
            } else {
                found.add(STICKINESS + ": '" + stickiness.get() + "' (expected: seconds, 1.."
                        + Forward.MAX_STICKINESS.toSeconds() + ", or blank for none)");
            }
        }
        if (!ok || !found.isEmpty()) {
            problems.show(found);
            return Optional.empty();
        }
        try {
            Forward action = new Forward(targets, sticky);
            problems.clear();
            return Optional.of(action);
        } catch (CoreException.Invalid e) {
            problems.show(e.problems());
            return Optional.empty();
        }
    }

    private static boolean weigh(GroupWeight row, List<WeightedTargetGroup> targets) {
        String text = row.weight.get();
        if (text == null || text.isBlank()) {
            row.problem.set("");
            return true;
        }
        Optional<Integer> weight = Numbers.parse(text);
        if (weight.isEmpty()) {
            row.problem.set("weight: '" + text + "' (expected: " + WeightedTargetGroup.MIN_WEIGHT + ".."
                    + WeightedTargetGroup.MAX_WEIGHT + ", or blank to leave " + row.group.name() + " out)");
            return false;
        }
        try {
            targets.add(new WeightedTargetGroup(row.group.arn(), weight.get()));
            row.problem.set("");
            return true;
        } catch (CoreException.Invalid e) {
            row.problem.set(String.join("\n", e.problems()));
            return false;
        }
    }

    List<GroupWeight> groups() {
        return groups;
    }

    StringProperty stickinessProperty() {
        return stickiness;
    }

    FieldProblems problems() {
        return problems;
    }
}
