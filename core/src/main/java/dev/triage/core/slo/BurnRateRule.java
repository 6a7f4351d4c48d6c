package dev.triage.core.slo;

import java.time.Duration;

/**
 * The two multi-window burn-rate rules the Google SRE workbook recommends for a 30-day objective.
 *
 * <p>A rule fires when the burn rate reaches its threshold over both windows: the long window shows a
 * significant share of the budget is gone, and the short window shows it is still burning, so an alert
 * resets within minutes of recovery.
 */
public enum BurnRateRule {
    /** 2% of a 30-day budget in an hour: 14.4x over 1 hour and 5 minutes. Pages. */
    FAST(Severity.PAGE, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
    /** 5% of a 30-day budget in six hours: 6x over 6 hours and 30 minutes. Opens a ticket. */
    SLOW(Severity.TICKET, 6.0, Duration.ofHours(6), Duration.ofMinutes(30));

    private final Severity severity;
    private final double threshold;
    private final Duration longWindow;
    private final Duration shortWindow;

    BurnRateRule(Severity severity, double threshold, Duration longWindow, Duration shortWindow) {
        this.severity = severity;
        this.threshold = threshold;
        this.longWindow = longWindow;
        this.shortWindow = shortWindow;
    }

    public Severity severity() {
        return severity;
    }

    /** The burn rate both windows must reach. */
    public double threshold() {
        return threshold;
    }

    public Duration longWindow() {
        return longWindow;
    }

    public Duration shortWindow() {
        return shortWindow;
    }

    /** The longest window any rule looks at. */
    static Duration longestWindow() {
        return SLOW.longWindow;
    }
}
