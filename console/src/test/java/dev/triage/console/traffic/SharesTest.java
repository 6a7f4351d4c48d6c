package dev.triage.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.Forward;
import dev.triage.core.domain.WeightedTargetGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharesTest {

    private static Forward forward(int... weights) {
        List<WeightedTargetGroup> groups = new java.util.ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            groups.add(new WeightedTargetGroup("tg" + i, weights[i]));
        }
        return new Forward(groups, null);
    }

    @Test
    void twoGroupsSplitAHundred() {
        assertThat(Shares.weights(forward(100, 0), "tg1", 10))
                .containsExactly(java.util.Map.entry("tg0", 90), java.util.Map.entry("tg1", 10));
    }

    @Test
    void theOthersKeepTheirProportionsAndTheTotalStaysAHundred() {
        var weights = Shares.weights(forward(2, 1, 0), "tg2", 25);
        assertThat(weights)
                .containsExactly(
                        java.util.Map.entry("tg0", 50), java.util.Map.entry("tg1", 25), java.util.Map.entry("tg2", 25));
        var uneven = Shares.weights(forward(1, 1, 1, 0), "tg3", 0);
        assertThat(uneven.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(uneven.values()).containsExactly(34, 33, 33, 0);
    }

    @Test
    void othersAllAtZeroShareTheRestEqually() {
        assertThat(Shares.weights(forward(0, 0, 10), "tg2", 50).values()).containsExactly(25, 25, 50);
    }

    @Test
    void aHundredPercentLeavesTheOthersAtZero() {
        assertThat(Shares.weights(forward(100, 0), "tg1", 100).values()).containsExactly(0, 100);
    }

    @Test
    void refusesAShareOutsideZeroToHundredAndAGroupNotInTheRule() {
        assertThatThrownBy(() -> Shares.weights(forward(1, 1), "tg1", 101))
                .hasMessage("share: 101% (expected: 0..100%)");
        assertThatThrownBy(() -> Shares.weights(forward(1, 1), "nope", 1))
                .hasMessage("target group: nope (expected: one the rule forwards to)");
    }

    @Test
    void currentShareIsOfTheTotalWeight() {
        assertThat(Shares.current(forward(3, 1), "tg1")).isEqualTo(25.0);
        assertThat(Shares.current(forward(0, 0), "tg1")).isZero();
    }
}
