package dev.triage.core.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A change before it happens: the exact calls, in order, and the state of every resource they
 * touch before and after. {@code inversePlanId} names the plan that undoes this one, once known
 * (null until then, or when this plan is itself an undo with nothing to undo).
 *
 * <p>{@code before} and {@code after} name the same resources, except those the plan creates
 * (only in {@code after}, with an ARN the provider replaces when it creates them) and those it
 * deletes (only in {@code before}); a plan has at least as many Create... calls (CreateRule,
 * CreateListener) as resources only in {@code after}, and Delete... calls as resources only in
 * {@code before}.
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
        if (before != null && after != null && calls != null) {
            long creates = count(calls, "Create");
            long deletes = count(calls, "Delete");
            if (creates == 0 && deletes == 0) {
                v.check(
                        arns(before).equals(arns(after)),
                        "after: " + arns(after) + " (expected: the same resources as before, " + arns(before) + ")");
            } else {
                Set<String> created = new HashSet<>(arns(after));
                created.removeAll(arns(before));
                Set<String> deleted = new HashSet<>(arns(before));
                deleted.removeAll(arns(after));
                v.check(
                        created.size() <= creates,
                        "after: " + created.size() + " resource(s) not in before (expected: at most the " + creates
                                + " the plan's Create calls make)");
                v.check(
                        deleted.size() <= deletes,
                        "before: " + deleted.size() + " resource(s) not in after (expected: at most the " + deletes
                                + " the plan's Delete calls remove)");
            }
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

    private static long count(List<ApiCall> calls, String prefix) {
        return calls.stream()
                .filter(c -> c != null && c.operation().startsWith(prefix))
                .count();
    }

    private static Set<String> arns(List<Resource> resources) {
        Set<String> arns = new HashSet<>();
        for (Resource resource : resources) {
            arns.add(resource == null ? null : resource.arn());
        }
        return arns;
    }
}
