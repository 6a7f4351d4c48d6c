package dev.triage.core.shift;

import dev.triage.core.domain.CoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of one step: the target group {@code percent} of 100, the other groups the rest in proportion to
 * their weights before the shift (largest remainder, so the weights always add up to 100).
 */
final class StepWeights {

    private StepWeights() {}

    static Map<String, Integer> of(Map<String, Integer> original, String target, int percent) {
        if (!original.containsKey(target)) {
            throw new CoreException.Invalid(
                    "progressive shift",
                    List.of("target group: " + target + " (expected: one of the rule's " + original.keySet() + ")"));
        }
        long others = original.entrySet().stream()
                .filter(e -> !e.getKey().equals(target))
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (others == 0) {
            throw new CoreException.Invalid(
                    "progressive shift",
                    List.of("weights of the other target groups: all 0 (expected: traffic to move; " + target
                            + " already has all of it)"));
        }
        int rest = 100 - percent;
        Map<String, Integer> weights = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int given = 0;
        for (Map.Entry<String, Integer> e : original.entrySet()) {
            if (e.getKey().equals(target)) {
                weights.put(target, percent);
                continue;
            }
            double exact = (double) rest * e.getValue() / others;
            int floor = (int) Math.floor(exact);
            weights.put(e.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(e.getKey(), exact - floor));
        }
        remainders.sort(
                Comparator.comparing(Map.Entry<String, Double>::getValue).reversed());
        for (int i = 0; i < rest - given; i++) {
            weights.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return weights;
    }
}
