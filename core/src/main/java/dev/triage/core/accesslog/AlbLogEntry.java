package dev.triage.core.accesslog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request (or, for WebSockets, one connection) from an Application Load Balancer access log, with every field AWS
 * documents. Where the log writes {@code -} for "no value", the component is {@code null} (or an empty list); the
 * javadoc of each component says when that happens.
 *
 * @param type the request or connection type: http, https, h2, grpcs, ws, wss (other values are kept as written)
 * @param time when the load balancer generated the response (for WebSockets: when the connection closed)
 * @param loadBalancer the load balancer's resource id, e.g. {@code app/my-loadbalancer/50dc6c495c0c9188}
 * @param client the requesting client (or the proxy in front of the load balancer)
 * @param target the target that processed the request; null when none did (incomplete request, Lambda target,
 *     blocked by AWS WAF)
 * @param requestProcessingTime from receiving the request to sending it to a target; null when the log says -1 (the
 *     load balancer could not dispatch the request, or the target did not answer before the idle timeout)
 * @param targetProcessingTime from sending the request to the target until the target started its response headers;
 *     null when the log says -1
 * @param responseProcessingTime from receiving the target's response headers until starting to answer the client;
 *     null when the log says -1
 * @param elbStatusCode the status code the load balancer answered with; null when the log says -
 * @param targetStatusCode the target's status code; null when no target answered
 * @param receivedBytes bytes received from the client (headers included; the whole connection for WebSockets)
 * @param sentBytes bytes sent to the client (headers included; the whole connection for WebSockets)
 * @param method the request method; null when the client sent none (a malformed request logs {@code -})
 * @param url the request URL as the client sent it, e.g. {@code https://www.example.com:443/a?b=c}
 * @param protocolVersion the HTTP version, e.g. {@code HTTP/1.1}; null when the log says -
 * @param userAgent the User-Agent (truncated by AWS past 8 KB); null when the log says -
 * @param sslCipher the TLS cipher; null on a plain HTTP listener
 * @param sslProtocol the TLS protocol; null on a plain HTTP listener
 * @param targetGroupArn the target group's ARN; null when the log says -
 * @param traceId the X-Amzn-Trace-Id header; null when the log says -
 * @param domainName the SNI domain the client sent; null when it sent none or no certificate matched
 * @param chosenCertArn the certificate presented to the client, or {@code session-reused}; null on a plain listener
 * @param matchedRulePriority the priority of the rule that matched (1..50,000), {@link #DEFAULT_RULE} when the
 *     listener's default action ran, {@link #RULE_EVALUATION_ERROR} when rule evaluation failed; null when the log
 *     says - (any other error)
 * @param requestCreationTime when the load balancer received the request; null when the log says -
 * @param actionsExecuted the actions taken, e.g. [waf, authenticate, forward]; empty when none was taken
 * @param redirectUrl the Location of a redirect action; null when no redirect was taken
 * @param errorReason the error reason code (authenticate, Lambda, WAF, weighted target group errors); null if none
 * @param targets the targets that processed the request (currently at most one); empty when none did or the log
 *     predates the field
 * @param targetStatusCodes the targets' status codes; empty when none answered or the log predates the field
 * @param classification the desync mitigation classification (Acceptable, Ambiguous, Severe); null for RFC 7230
 *     compliant requests or logs that predate the field
 * @param classificationReason the desync classification reason code; null like {@code classification}
 * @param connTraceId the connection trace id ({@code TID_...}); null when absent
 * @param transformedHost the host after a request transform; null when absent
 * @param transformedUri the URI after a request transform; null when absent
 * @param requestTransformStatus the request transform status; null when absent
 * @param extraFields fields AWS added after the ones above, as written (AWS says to ignore them; kept for display)
 */
public record AlbLogEntry(
        String type,
        Instant time,
        String loadBalancer,
        Endpoint client,
        Endpoint target,
        Duration requestProcessingTime,
        Duration targetProcessingTime,
        Duration responseProcessingTime,
        Integer elbStatusCode,
        Integer targetStatusCode,
        long receivedBytes,
        long sentBytes,
        String method,
        String url,
        String protocolVersion,
        String userAgent,
        String sslCipher,
        String sslProtocol,
        String targetGroupArn,
        String traceId,
        String domainName,
        String chosenCertArn,
        Integer matchedRulePriority,
        Instant requestCreationTime,
        List<String> actionsExecuted,
        String redirectUrl,
        String errorReason,
        List<Endpoint> targets,
        List<Integer> targetStatusCodes,
        String classification,
        String classificationReason,
        String connTraceId,
        String transformedHost,
        String transformedUri,
        String requestTransformStatus,
        List<String> extraFields) {

    /** {@code matched_rule_priority} when no rule matched and the listener's default action ran. */
    public static final int DEFAULT_RULE = 0;
    /** {@code matched_rule_priority} when an error occurred while evaluating the rules. */
    public static final int RULE_EVALUATION_ERROR = -1;
    /** Highest rule priority ALB allows. */
    public static final int MAX_RULE_PRIORITY = 50_000;
    /** {@code chosen_cert_arn} when the TLS session was resumed. */
    public static final String SESSION_REUSED = "session-reused";

    public AlbLogEntry {
        requireNonNull(type, "type");
        requireNonNull(time, "time");
        requireNonNull(loadBalancer, "loadBalancer");
        requireNonNull(client, "client");
        requireNonNull(url, "url");
        actionsExecuted = List.copyOf(requireNonNull(actionsExecuted, "actionsExecuted"));
        targets = List.copyOf(requireNonNull(targets, "targets"));
        targetStatusCodes = List.copyOf(requireNonNull(targetStatusCodes, "targetStatusCodes"));
        extraFields = List.copyOf(requireNonNull(extraFields, "extraFields"));

        var problems = new ArrayList<String>();
        checkDuration(problems, "requestProcessingTime", requestProcessingTime);
        checkDuration(problems, "targetProcessingTime", targetProcessingTime);
        checkDuration(problems, "responseProcessingTime", responseProcessingTime);
        checkStatus(problems, "elbStatusCode", elbStatusCode);
        checkStatus(problems, "targetStatusCode", targetStatusCode);
        for (Integer code : targetStatusCodes) {
            checkStatus(problems, "targetStatusCodes", code);
        }
        if (receivedBytes < 0) {
            problems.add("receivedBytes: " + receivedBytes + " (expected: >= 0)");
        }
        if (sentBytes < 0) {
            problems.add("sentBytes: " + sentBytes + " (expected: >= 0)");
        }
        if (matchedRulePriority != null
                && (matchedRulePriority < RULE_EVALUATION_ERROR || matchedRulePriority > MAX_RULE_PRIORITY)) {
            problems.add("matchedRulePriority: " + matchedRulePriority + " (expected: " + RULE_EVALUATION_ERROR + ".."
                    + MAX_RULE_PRIORITY + " or null)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void checkDuration(List<String> problems, String name, Duration value) {
        if (value != null && value.isNegative()) {
            problems.add(name + ": " + value + " (expected: >= 0, or null for -1)");
        }
    }

    private static void checkStatus(List<String> problems, String name, Integer code) {
        if (code != null && (code < 0 || code > 999)) {
            problems.add(name + ": " + code + " (expected: 0..999)");
        }
    }

    /** The path of {@link #url()} (without query or fragment), e.g. {@code /a/b}; empty when the URL has none. */
    public String path() {
        int start = pathStart(url);
        int end = url.length();
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '#') {
                return url.substring(start, i);
            }
        }
        return url.substring(start);
    }

    /** The raw (still percent-encoded) query of {@link #url()}, without the '?'; null when there is none. */
    public String query() {
        int question = -1;
        for (int i = pathStart(url); i < url.length() && question < 0; i++) {
            char c = url.charAt(i);
            if (c == '#') {
                return null; // a '?' after the fragment starts no query
            }
            if (c == '?') {
                question = i;
            }
        }
        if (question < 0) {
            return null;
        }
        int hash = url.indexOf('#', question);
        return hash < 0 ? url.substring(question + 1) : url.substring(question + 1, hash);
    }

    private static int pathStart(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return 0;
        }
        int slash = url.indexOf('/', scheme + 3);
        if (slash >= 0) {
            return slash;
        }
        int question = url.indexOf('?', scheme + 3);
        return question >= 0 ? question : url.length();
    }

    /** True when no rule matched and the listener's default action handled the request. */
    public boolean matchedDefaultRule() {
        return matchedRulePriority != null && matchedRulePriority == DEFAULT_RULE;
    }

    /** True when the load balancer reported an error while evaluating the listener's rules. */
    public boolean ruleEvaluationFailed() {
        return matchedRulePriority != null && matchedRulePriority == RULE_EVALUATION_ERROR;
    }

    /** True when the TLS session was resumed, so {@link #chosenCertArn()} names no certificate. */
    public boolean sessionReused() {
        return SESSION_REUSED.equals(chosenCertArn);
    }

    /**
     * An IP address and port as the log writes them ({@code 10.0.0.1:80}); IPv6 addresses are kept without brackets.
     */
    public record Endpoint(String ip, int port) {

        public Endpoint {
            requireNonNull(ip, "ip");
            if (ip.isEmpty()) {
                throw new IllegalArgumentException("ip: empty (expected: an IP address)");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
        }

        @Override
        public String toString() {
            return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
        }
    }
}
