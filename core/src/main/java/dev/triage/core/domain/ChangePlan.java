package dev.triage.core.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A change before it happens: the exact calls, in order, and the state of every resource they
 * touch before and after. {@code inversePlanId} names the plan that undoes this one, once known
 * (null until then, or when this plan is itself an undo with nothing to undo).
 *
 * @param before the touched resources as read when the plan was made (drift is checked against it)
 * @param after the same resources as they should read once applied (verify compares against it)
 */
public record ChangePlan(
        String id,
        String title,
        List<ApiCall> calls,
        List<Resource> before,
        List<Resource> after,
        String inversePlanId) {

    public ChangePlan {
        Validation v = Validation.of("change plan " + id);
        v.present("id", id, "a plan id");
        v.present("title", title, "a title");
        if (v.present("calls", calls, "at least one call")) {
            v.check(!calls.isEmpty(), "calls: none (expected: at least one call)");
        }
        v.present("before", before, "the resources before");
        v.present("after", after, "the resources after");
        if (before != null && after != null) {
            v.check(
                    arns(before).equals(arns(after)),
                    "after: " + arns(after) + " (expected: the same resources as before, " + arns(before) + ")");
        }
        v.throwIfInvalid();
        calls = List.copyOf(calls);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** The same plan with its inverse named. */
    public ChangePlan withInverse(String planId) {
        return new ChangePlan(id, title, calls, before, after, planId);
    }

    private static Set<String> arns(List<Resource> resources) {
        Set<String> arns = new HashSet<>();
        for (Resource resource : resources) {
            arns.add(resource == null ? null : resource.arn());
        }
        return arns;
    }
}
