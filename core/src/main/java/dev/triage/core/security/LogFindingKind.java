package dev.triage.core.security;

/** What an access-log detector saw, with the severity it starts at. */
public enum LogFindingKind {
    /** A POST, PUT, PATCH or DELETE answered 2XX to a client outside the CDN's address ranges. */
    WRITE_OUTSIDE_CDN("write answered 2XX from outside the CDN", Severity.CRITICAL),
    /** A write the listener's default rule forwarded to targets (no rule matched it). */
    WRITE_VIA_DEFAULT_RULE("write served by the default rule", Severity.WARNING),
    /** Many 401/403 answers to one client within the window (credential guessing). */
    AUTH_FAILURE_BURST("burst of 401/403", Severity.WARNING),
    /** Many 404 answers to one client within the window (probing for paths). */
    NOT_FOUND_BURST("burst of 404", Severity.WARNING),
    /** A path vulnerability scanners ask for (/.env, /wp-admin ...); WARNING when it was answered 2XX. */
    SCANNER_PATH("scanner path", Severity.INFO),
    /** Path traversal, SQL or script in the path or query; CRITICAL when it was answered 2XX. */
    INJECTION("injection-shaped request", Severity.WARNING);

    private final String label;
    private final Severity severity;

    LogFindingKind(String label, Severity severity) {
        this.label = label;
        this.severity = severity;
    }

    public String label() {
        return label;
    }

    /** The severity a finding of this kind starts at; some escalate (see each kind). */
    public Severity severity() {
        return severity;
    }
}
