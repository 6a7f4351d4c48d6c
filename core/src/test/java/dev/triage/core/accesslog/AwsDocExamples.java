package dev.triage.core.accesslog;

/**
 * Sample lines. The first group is copied from the AWS documentation page "Access logs for your Application Load
 * Balancer" (Examples section; the page wraps them over several lines for reading, here each is one line as in a log
 * file). The second group is written for these tests, in shapes seen in real logs, because the page has no example
 * for them; each says so.
 */
final class AwsDocExamples {

    private AwsDocExamples() {}

    // --- From the AWS documentation ---

    /** Example HTTP entry, current page: target lists quoted, conn_trace_id at the end. */
    static final String HTTP = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\""
            + " 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\""
            + " TID_1234abcd5678ef90";

    /** Example HTTP entry as the 2018 page wrote it: ends at error_reason (25 fields). */
    static final String HTTP_2018 = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\""
            + " 0 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\"";

    /** Example HTTPS entry (target lists unquoted, as that version of the page shows them). */
    static final String HTTPS = "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57"
            + " \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\""
            + " \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\""
            + " 1 2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" 10.0.0.1:80 200 \"-\" \"-\"";

    /** Example HTTP/2 entry (a redirect). */
    static final String HTTP2 = "h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257"
            + " \"GET https://10.0.2.105:773/ HTTP/2.0\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337327-72bd00b0343d75b906739c42\" \"-\" \"-\""
            + " 1 2018-07-02T22:22:48.364000Z \"redirect\" \"https://example.com:80/\" \"-\" 10.0.0.66:9000 200"
            + " \"-\" \"-\"";

    /** Example WebSockets entry. */
    static final String WEBSOCKETS = "ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587"
            + " \"GET http://10.0.0.30:80/ HTTP/1.1\" \"-\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\""
            + " 1 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" 10.0.1.192:8010 101 \"-\" \"-\"";

    /** Example secured WebSockets entry. */
    static final String SECURE_WEBSOCKETS = "wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786"
            + " \"GET https://10.0.0.30:443/ HTTP/1.1\" \"-\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
            + " arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\""
            + " 1 2018-07-02T22:22:48.364000Z \"forward\" \"-\" \"-\" 10.0.0.171:8010 101 \"-\" \"-\"";

    /** Example entry for a Lambda function that succeeded. */
    static final String LAMBDA_OK = "http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\""
            + " 0 2018-11-30T22:22:48.364000Z \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"";

    /** Example entry for a Lambda function that failed. */
    static final String LAMBDA_FAILED = "http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\""
            + " 0 2018-11-30T22:22:48.364000Z \"forward\" \"-\" \"LambdaInvalidResponse\" \"-\" \"-\" \"-\" \"-\"";

    // --- Written for these tests (the AWS page has no example of these) ---

    /**
     * Not from the docs: a fixed-response from the listener's default rule, newest layout (transform fields after
     * conn_trace_id) plus one field AWS might add later.
     */
    static final String FIXED_RESPONSE = "https 2026-02-05T23:58:32.578204Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 203.0.113.44:34025 - -1 -1 -1 404 - 842 1023"
            + " \"POST https://www.example.com:443/ HTTP/1.1\" \"Mozilla/5.0 (X11; Linux x86_64)\""
            + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - \"Root=1-69852ea8-7429674e211c223e3c211c6d\" \"-\""
            + " \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\""
            + " 0 2026-02-05T23:58:32.493000Z \"fixed-response\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\""
            + " TID_ba88f3bfb4f5c249b7d9f74348a70697 \"-\" \"-\" \"-\" 198.51.100.7";

    /** Not from the docs: an authenticate action that failed on an invalid cookie (a documented error reason). */
    static final String FAILED_AUTH = "https 2026-02-05T10:00:00.000001Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 203.0.113.9:50000 - 0.001 -1 -1 401 - 310 520"
            + " \"GET https://www.example.com:443/app?next=%2Fhome HTTP/1.1\" \"curl/8.4.0\""
            + " TLS_AES_128_GCM_SHA256 TLSv1.3 - \"Root=1-69852ea8-0123456789abcdef01234567\" \"www.example.com\""
            + " \"session-reused\" 3 2026-02-05T09:59:59.998000Z \"authenticate\" \"-\" \"AuthInvalidCookie\""
            + " \"-\" \"-\" \"-\" \"-\" TID_0123456789abcdef";

    /** Not from the docs: an incomplete request, in the shape real logs give it (no method, no target, all -1). */
    static final String MALFORMED_REQUEST = "http 2025-03-01T10:03:17.218099Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 203.0.113.158:61084 - -1 -1 -1 400 - 0 272"
            + " \"- http://my-loadbalancer-123.us-east-2.elb.amazonaws.com:80- -\" \"-\" - - - \"-\" \"-\" \"-\" -"
            + " 2025-03-01T10:03:16.682000Z \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\""
            + " TID_6cfb27fd2ef25c42932bd6e0ff56d631";

    /**
     * Not from the docs: a request the desync mitigation classified (an unencoded space in the URI), over IPv6, with
     * a user agent that contains escaped quotes and a backslash.
     */
    static final String CLASSIFIED_IPV6 = "h2 2026-03-01T12:00:00.5Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 2001:db8::1:51000 [2001:db8::20]:8080 0.000 0.010 0.000 200 200 100 2000"
            + " \"GET https://www.example.com:443/a b/c?x=1 y HTTP/2.0\" \"agent \\\"quoted\\\" back\\\\slash\""
            + " TLS_AES_128_GCM_SHA256 TLSv1.3"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-69852ea8-fedcba9876543210fedcba98\" \"www.example.com\" \"session-reused\" 50000"
            + " 2026-03-01T12:00:00.490000Z \"waf,forward\" \"-\" \"-\" \"[2001:db8::20]:8080\" \"200\""
            + " \"Acceptable\" \"SpaceInUri\" TID_1 \"-\" \"-\" \"-\"";

    /** The AWS documentation examples, in page order. */
    static final String[] FROM_DOCS = {
        HTTP, HTTPS, HTTP2, WEBSOCKETS, SECURE_WEBSOCKETS, LAMBDA_OK, LAMBDA_FAILED, HTTP_2018
    };
}
