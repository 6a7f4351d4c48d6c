package dev.triage.core.slo;

/** How urgently a person should look at a burn-rate alert. */
public enum Severity {
    /** Wake someone: the budget burns fast enough to be gone in about two days. */
    PAGE,
    /** Open a ticket: the budget burns fast enough to be gone in about five days. */
    TICKET
}
