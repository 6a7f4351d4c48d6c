package dev.triage.console.traffic;

import dev.triage.core.domain.Forward;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns "send P% to this target group" into weights (0..999) for every group of a forward
 * action: the chosen group gets P out of 100, the others share the rest in proportion to their
 * weights now (equally when they are all 0), rounded so the total stays 100.
 */
final class Shares {

    static final int TOTAL = 100;

    private Shares() {}

    static Map<String, Integer> weights(Forward forward, String targetGroupArn, int percent) {
        if (percent < 0 || percent > TOTAL) {
            throw new IllegalArgumentException("share: " + percent + "% (expected: 0..100%)");
        }
        List<WeightedTargetGroup> groups = forward.targetGroups();
        if (groups.stream().noneMatch(g -> g.targetGroupArn().equals(targetGroupArn))) {
            throw new IllegalArgumentException(
                    "target group: " + targetGroupArn + " (expected: one the rule forwards to)");
        }
        List<WeightedTargetGroup> others = groups.stream()
                .filter(g -> !g.targetGroupArn().equals(targetGroupArn))
                .toList();
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (WeightedTargetGroup g : groups) {
            weights.put(g.targetGroupArn(), 0);
        }
        weights.put(targetGroupArn, percent);
        int rest = TOTAL - percent;
        if (others.isEmpty() || rest == 0) {
            return weights;
        }
        long otherTotal = others.stream().mapToLong(WeightedTargetGroup::weight).sum();
        int[] given = new int[others.size()];
        double[] remainders = new double[others.size()];
        int sum = 0;
        for (int i = 0; i < others.size(); i++) {
            double exact = otherTotal == 0
                    ? (double) rest / others.size()
                    : (double) rest * others.get(i).weight() / otherTotal;
            given[i] = (int) Math.floor(exact);
            remainders[i] = exact - given[i];
            sum += given[i];
        }
        for (int left = rest - sum; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            given[best]++;
            remainders[best] = -1;
        }
        for (int i = 0; i < others.size(); i++) {
            weights.put(others.get(i).targetGroupArn(), given[i]);
        }
        return weights;
    }

    /** The share the group gets now, in percent of the total weight (0 when the total is 0). */
    static double current(Forward forward, String targetGroupArn) {
        int total = forward.totalWeight();
        if (total == 0) {
            return 0;
        }
        return forward.targetGroups().stream()
                        .filter(g -> g.targetGroupArn().equals(targetGroupArn))
                        .mapToInt(WeightedTargetGroup::weight)
                        .sum()
                * 100.0
                / total;
    }
}
