package dev.triage.core.slo;

/**
 * The error budget over an objective's window, counted in requests.
 *
 * <p>The budget grows with traffic: {@code allowedFailures = (1 - objective) * requests}. With no traffic
 * nothing is allowed, nothing failed, and the whole budget remains.
 *
 * @param allowedFailures failures the objective allows over the window
 * @param failed failures seen over the window
 * @param remainingFraction {@code (allowed - failed) / allowed}: 1 untouched, 0 spent, negative overspent
 */
public record ErrorBudget(double allowedFailures, double failed, double remainingFraction) {

    static ErrorBudget of(double errorBudgetFraction, long total, long failed) {
        double allowed = errorBudgetFraction * total;
        double remaining = allowed == 0 ? 1.0 : (allowed - failed) / allowed;
        return new ErrorBudget(allowed, failed, remaining);
    }

    /** Whether the budget is spent: as many failures as allowed, or more. */
    public boolean exhausted() {
        return remainingFraction <= 0;
    }

    /** The share of the budget already spent; above 1 when overspent. */
    public double consumedFraction() {
        return 1 - remainingFraction;
    }
}
