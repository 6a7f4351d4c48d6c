package dev.triage.core.security;

/** The posture checks, each about one kind of resource. */
public enum PostureCheck {
    /** An HTTP listener serves content instead of redirecting every request to HTTPS. */
    HTTP_WITHOUT_REDIRECT("HTTP listener redirects to HTTPS"),
    /** An HTTPS listener's SSL policy is not a current TLS 1.3 policy ({@link TlsPolicies}). */
    SSL_POLICY_NOT_CURRENT("SSL policy is a current TLS 1.3 policy"),
    /** A listener's certificate expires within the warning window (30 days by default), or has expired. */
    CERTIFICATE_EXPIRING("certificate valid for 30 days or more"),
    /** Requests can reach targets without the CDN's secret header (bypassing the CDN). */
    CDN_HEADER_NOT_REQUIRED("every forwarding rule requires the CDN header"),
    /** routing.http.drop_invalid_header_fields.enabled is false. */
    INVALID_HEADERS_NOT_DROPPED("invalid header fields are dropped"),
    /** Access logging is off, so the access-log detectors see nothing. */
    ACCESS_LOGS_OFF("access logs are on"),
    /** routing.http.desync_mitigation_mode is monitor (neither defensive nor strictest). */
    DESYNC_MITIGATION_WEAK("desync mitigation is defensive or strictest"),
    /** An agent's admin API token is short or guessable, or travels in clear text over the network. */
    AGENT_TOKEN_WEAK("agent admin tokens are strong");

    private final String title;

    PostureCheck(String title) {
        this.title = title;
    }

    /** What passing means, in words: "HTTP listener redirects to HTTPS". */
    public String title() {
        return title;
    }
}
