package dev.triage.core.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void defaultIsNinetyNinePercentOverThirtyDays() {
        assertThat(Slo.DEFAULT.objective()).isEqualTo(0.99);
        assertThat(Slo.DEFAULT.window()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void rejectsAnObjectiveOfOneOrMore() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo("api", 1.2, Duration.ofDays(30)))
                .withMessage("objective: 1.2 (expected: > 0 and < 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo("api", 1.0, Duration.ofDays(30)))
                .withMessage("objective: 1.0 (expected: > 0 and < 1)");
    }

    @Test
    void rejectsAnObjectiveOfZeroOrLessOrNaN() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo("api", 0.0, Duration.ofDays(30)))
                .withMessage("objective: 0.0 (expected: > 0 and < 1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo("api", -0.5, Duration.ofDays(30)))
                .withMessageContaining("objective: -0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo("api", Double.NaN, Duration.ofDays(30)))
                .withMessageContaining("objective: NaN");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Slo(" ", 2, Duration.ofMinutes(30)))
                .withMessage("name: ' ' (expected: not blank); objective: 2.0 (expected: > 0 and < 1); "
                        + "window: PT30M (expected: 1 hour to 400 days)");
    }

    @Test
    void errorBudgetFractionIsExactInDecimal() {
        assertThat(Slo.DEFAULT.errorBudgetFraction()).isEqualTo(0.01);
        assertThat(new Slo("api", 0.999, Duration.ofDays(28)).errorBudgetFraction())
                .isEqualTo(0.001);
    }

    @Test
    void requestCountsRejectMoreFailuresThanRequests() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Traffic.second(Traffic.T0, 3, 5))
                .withMessage("failed: 5 (expected: 0..3, at most total)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestCounts(Traffic.T0, Duration.ZERO, -1, 0))
                .withMessage("step: PT0S (expected: > 0); total: -1 (expected: >= 0)");
    }
}
