package dev.triage.core.security;

/** How bad a finding is, the same three levels the agents' security events use. */
public enum Severity {
    /** Worth knowing; nothing to do now. */
    INFO,
    /** A weakness or suspicious activity to look at soon. */
    WARNING,
    /** An attack under way or a hole attackers use; act now. */
    CRITICAL
}
