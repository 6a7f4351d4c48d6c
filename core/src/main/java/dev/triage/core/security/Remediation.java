package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fix a finding names: a kind the change planner turns into a change plan (with preview and undo), and its
 * parameters. Nothing here applies anything.
 *
 * @param parameters by the names in this class ({@link #LOAD_BALANCER}, {@link #LISTENER}, ...), in display order
 * @param summary one line a person reads, e.g. "set listener HTTPS:443's SSL policy to ELBSecurityPolicy-TLS13-1-2-2021-06"
 */
public record Remediation(Kind kind, Map<String, String> parameters, String summary) {

    /** The load balancer's ARN (or the lab's id). */
    public static final String LOAD_BALANCER = "loadBalancerArn";
    /** The listener's ARN. */
    public static final String LISTENER = "listenerArn";
    /** Rule ARNs, comma-separated. */
    public static final String RULES = "ruleArns";
    /** The HTTPS listener's port a redirect goes to. */
    public static final String HTTPS_PORT = "httpsPort";
    /** An SSL policy name. */
    public static final String SSL_POLICY = "sslPolicy";
    /** A header name (the CDN's secret header). */
    public static final String HEADER = "headerName";
    /** An ELBv2 attribute key. */
    public static final String ATTRIBUTE = "key";
    /** The attribute's new value. */
    public static final String VALUE = "value";
    /** CIDR blocks, comma-separated (a source as /32 or /128). */
    public static final String CIDRS = "cidrs";
    /** A certificate's ARN (the lab: its id). */
    public static final String CERTIFICATE = "certificateArn";
    /** An agent's name. */
    public static final String AGENT = "agentName";

    public Remediation {
        requireNonNull(kind, "kind");
        requireNonNull(parameters, "parameters");
        requireNonNull(summary, "summary");
        parameters.forEach((key, value) -> {
            requireNonNull(key, "parameter name");
            requireNonNull(value, () -> "parameter " + key);
        });
        if (summary.isBlank() || summary.contains("\n")) {
            throw new IllegalArgumentException("summary: '" + summary + "' (expected: one non-blank line)");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** What the change planner does for each kind. */
    public enum Kind {
        /** A fixed-response 403 rule at the top of the listener for the given CIDR blocks. */
        BLOCK_SOURCES,
        /** Requests without the CDN header get 403 (an http-header rule, plus the agents' gate). */
        REQUIRE_HEADER,
        /** The HTTP listener's default action becomes a 301 to HTTPS. */
        REDIRECT_HTTP_TO_HTTPS,
        /** The HTTPS listener gets a current TLS 1.3 policy. */
        SET_SSL_POLICY,
        /** Access logging is turned on (ELBv2: to an S3 bucket the user picks; the lab: the edge's log file). */
        ENABLE_ACCESS_LOGS,
        /** One load balancer attribute is set to a value. */
        SET_ATTRIBUTE,
        /** The listener's expiring certificate is replaced by a renewed one the user picks or imports. */
        REPLACE_CERTIFICATE,
        /** The agent's admin token is replaced by a long random one (the agent and the fleet file together). */
        ROTATE_AGENT_TOKEN
    }

    static Builder of(Kind kind) {
        return new Builder(kind);
    }

    /** Collects parameters in order. */
    static final class Builder {
        private final Kind kind;
        private final Map<String, String> parameters = new LinkedHashMap<>();

        private Builder(Kind kind) {
            this.kind = kind;
        }

        Builder with(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        Remediation summary(String summary) {
            return new Remediation(kind, parameters, summary);
        }
    }
}
