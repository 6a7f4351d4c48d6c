package dev.triage.core.security;

import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.accesslog.AlbLogParser;
import java.time.Instant;

/**
 * Access log lines in the format AWS documents ("Access logs for your Application Load Balancer": fields in order,
 * quoted where the page quotes them, target lists and conn_trace_id at the end), written for these tests in the shapes
 * HOSP's load balancer would log: staff through the CDN, an attacker straight at the load balancer.
 */
final class LogLines {

    static final String ELB = "app/hosp-edge/50dc6c495c0c9188";
    static final String TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/73e2d6bc24d8a067";
    static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    static final String CURL = "curl/8.4.0";
    static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";

    /**
     * The first example of the AWS page (an HTTP GET answered 200 by the default rule's forward), verbatim but on one
     * line.
     */
    static final String AWS_DOC_HTTP = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\""
            + " 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\""
            + " TID_1234abcd5678ef90";

    private LogLines() {}

    /** A request the rule at {@code priority} forwarded to a target that answered {@code status}. */
    static String forwarded(
            Instant time, String client, String method, String pathAndQuery, int status, int priority, String agent) {
        return line(
                time,
                client,
                "10.0.1.17:8080",
                "0.001 0.412 0.000",
                status,
                Integer.toString(status),
                method,
                pathAndQuery,
                agent,
                TG,
                priority,
                "forward",
                "\"10.0.1.17:8080\" \"" + status + "\"");
    }

    /** A request a rule answered itself with a fixed response (a block rule's 403, a default 404). */
    static String fixed(
            Instant time, String client, String method, String pathAndQuery, int status, int priority, String agent) {
        return line(
                time,
                client,
                "-",
                "-1 -1 -1",
                status,
                "-",
                method,
                pathAndQuery,
                agent,
                "-",
                priority,
                "fixed-response",
                "\"-\" \"-\"");
    }

    static AlbLogEntry entry(String line) {
        return AlbLogParser.parseLine(line);
    }

    private static String line(
            Instant time,
            String client,
            String target,
            String times,
            int elbStatus,
            String targetStatus,
            String method,
            String pathAndQuery,
            String agent,
            String targetGroup,
            int priority,
            String actions,
            String targetLists) {
        String ip = client.substring(0, client.lastIndexOf(':'));
        return "https " + time + " " + ELB + " " + client + " " + target + " " + times + " " + elbStatus + " "
                + targetStatus + " 412 733"
                + " \"" + method + " https://hosp.example.com:443" + pathAndQuery + " HTTP/1.1\""
                + " \"" + agent.replace("\"", "\\\"") + "\""
                + " TLS_AES_128_GCM_SHA256 TLSv1.3 " + targetGroup
                + " \"Root=1-69852ea8-" + Integer.toHexString((ip + time).hashCode()) + "\""
                + " \"hosp.example.com\" \"" + CERT + "\" " + priority + " " + time.minusMillis(430)
                + " \"" + actions + "\" \"-\" \"-\" " + targetLists + " \"-\" \"-\" TID_"
                + Integer.toHexString(client.hashCode());
    }
}
