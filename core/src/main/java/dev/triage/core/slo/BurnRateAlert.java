package dev.triage.core.slo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A burn-rate rule that fired.
 *
 * @param rule the rule that fired
 * @param severity the rule's severity
 * @param longWindow the rule's long window
 * @param longBurnRate the burn rate over the long window
 * @param shortWindow the rule's short window
 * @param shortBurnRate the burn rate over the short window
 * @param evaluatedAt the {@code now} the windows ended at
 */
public record BurnRateAlert(
        BurnRateRule rule,
        Severity severity,
        Duration longWindow,
        double longBurnRate,
        Duration shortWindow,
        double shortBurnRate,
        Instant evaluatedAt) {

    public BurnRateAlert {
        requireNonNull(rule, "rule");
        requireNonNull(severity, "severity");
        requireNonNull(longWindow, "longWindow");
        requireNonNull(shortWindow, "shortWindow");
        requireNonNull(evaluatedAt, "evaluatedAt");
    }
}
