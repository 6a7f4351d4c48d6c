package dev.triage.core.slo;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service level objective: the share of requests that must succeed over a rolling window.
 *
 * @param name what the objective is about, for people ("edge availability")
 * @param objective the share of requests that must succeed, strictly between 0 and 1 (0.99 = 99%)
 * @param window the rolling window the error budget is counted over, from 1 hour to 400 days
 */
public record Slo(String name, double objective, Duration window) {

    static final Duration MIN_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(400);

    // declared after the bounds its constructor checks
    /** The default objective: 99% of requests succeed over 30 days. */
    public static final Slo DEFAULT = new Slo("availability", 0.99, Duration.ofDays(30));

    public Slo {
        requireNonNull(name, "name");
        requireNonNull(window, "window");
        List<String> problems = new ArrayList<>();
        if (name.isBlank()) {
            problems.add("name: '" + name + "' (expected: not blank)");
        }
        if (!(objective > 0 && objective < 1)) {
            problems.add("objective: " + objective + " (expected: > 0 and < 1)");
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            problems.add("window: " + window + " (expected: 1 hour to 400 days)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * The share of requests allowed to fail, {@code 1 - objective}, computed in decimal so that 0.99
     * gives exactly 0.01 rather than 0.010000000000000009.
     */
    public double errorBudgetFraction() {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue();
    }
}
