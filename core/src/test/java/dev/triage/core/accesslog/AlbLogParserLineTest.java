package dev.triage.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.accesslog.AlbLogEntry.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbLogParserLineTest {

    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067";
    private static final String CERT =
            "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012";

    @Test
    void readsEveryFieldOfTheDocumentedHttpEntry() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTP);

        assertThat(e.type()).isEqualTo("http");
        assertThat(e.time()).isEqualTo(Instant.parse("2018-07-02T22:23:00.186641Z"));
        assertThat(e.loadBalancer()).isEqualTo("app/my-loadbalancer/50dc6c495c0c9188");
        assertThat(e.client()).isEqualTo(new Endpoint("192.168.131.39", 2817));
        assertThat(e.target()).isEqualTo(new Endpoint("10.0.0.1", 80));
        assertThat(e.requestProcessingTime()).isEqualTo(Duration.ZERO);
        assertThat(e.targetProcessingTime()).isEqualTo(Duration.ofMillis(1));
        assertThat(e.responseProcessingTime()).isEqualTo(Duration.ZERO);
        assertThat(e.elbStatusCode()).isEqualTo(200);
        assertThat(e.targetStatusCode()).isEqualTo(200);
        assertThat(e.receivedBytes()).isEqualTo(34);
        assertThat(e.sentBytes()).isEqualTo(366);
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://www.example.com:80/");
        assertThat(e.path()).isEqualTo("/");
        assertThat(e.query()).isNull();
        assertThat(e.protocolVersion()).isEqualTo("HTTP/1.1");
        assertThat(e.userAgent()).isEqualTo("curl/7.46.0");
        assertThat(e.sslCipher()).isNull();
        assertThat(e.sslProtocol()).isNull();
        assertThat(e.targetGroupArn()).isEqualTo(TARGET_GROUP);
        assertThat(e.traceId()).isEqualTo("Root=1-58337262-36d228ad5d99923122bbe354");
        assertThat(e.domainName()).isNull();
        assertThat(e.chosenCertArn()).isNull();
        assertThat(e.matchedRulePriority()).isEqualTo(AlbLogEntry.DEFAULT_RULE);
        assertThat(e.matchedDefaultRule()).isTrue();
        assertThat(e.ruleEvaluationFailed()).isFalse();
        assertThat(e.requestCreationTime()).isEqualTo(Instant.parse("2018-07-02T22:22:48.364Z"));
        assertThat(e.actionsExecuted()).containsExactly("forward");
        assertThat(e.redirectUrl()).isNull();
        assertThat(e.errorReason()).isNull();
        assertThat(e.targets()).containsExactly(new Endpoint("10.0.0.1", 80));
        assertThat(e.targetStatusCodes()).containsExactly(200);
        assertThat(e.classification()).isNull();
        assertThat(e.classificationReason()).isNull();
        assertThat(e.connTraceId()).isEqualTo("TID_1234abcd5678ef90");
        assertThat(e.transformedHost()).isNull();
        assertThat(e.transformedUri()).isNull();
        assertThat(e.requestTransformStatus()).isNull();
        assertThat(e.extraFields()).isEmpty();
    }

    @Test
    void readsTheDocumentedHttpsEntryWithTlsFieldsAndAuthentication() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTPS);

        assertThat(e.type()).isEqualTo("https");
        assertThat(e.client()).isEqualTo(new Endpoint("192.168.131.39", 2817));
        assertThat(e.target()).isEqualTo(new Endpoint("10.0.0.1", 80));
        assertThat(e.requestProcessingTime()).isEqualTo(Duration.ofMillis(86));
        assertThat(e.targetProcessingTime()).isEqualTo(Duration.ofMillis(48));
        assertThat(e.responseProcessingTime()).isEqualTo(Duration.ofMillis(37));
        assertThat(e.elbStatusCode()).isEqualTo(200);
        assertThat(e.targetStatusCode()).isEqualTo(200);
        assertThat(e.receivedBytes()).isZero();
        assertThat(e.sentBytes()).isEqualTo(57);
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("https://www.example.com:443/");
        assertThat(e.protocolVersion()).isEqualTo("HTTP/1.1");
        assertThat(e.sslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
        assertThat(e.targetGroupArn()).isEqualTo(TARGET_GROUP);
        assertThat(e.traceId()).isEqualTo("Root=1-58337281-1d84f3d73c47ec4e58577259");
        assertThat(e.domainName()).isEqualTo("www.example.com");
        assertThat(e.chosenCertArn()).isEqualTo(CERT);
        assertThat(e.sessionReused()).isFalse();
        assertThat(e.matchedRulePriority()).isEqualTo(1);
        assertThat(e.matchedDefaultRule()).isFalse();
        assertThat(e.actionsExecuted()).containsExactly("authenticate", "forward");
        assertThat(e.redirectUrl()).isNull();
        assertThat(e.errorReason()).isNull();
        assertThat(e.targets()).containsExactly(new Endpoint("10.0.0.1", 80));
        assertThat(e.targetStatusCodes()).containsExactly(200);
        assertThat(e.classification()).isNull();
        assertThat(e.classificationReason()).isNull();
        assertThat(e.connTraceId())
                .as("this version of the page predates conn_trace_id")
                .isNull();
        assertThat(e.extraFields()).isEmpty();
    }

    @Test
    void readsTheDocumentedHttp2RedirectEntry() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTP2);

        assertThat(e.type()).isEqualTo("h2");
        assertThat(e.client()).isEqualTo(new Endpoint("10.0.1.252", 48160));
        assertThat(e.target()).isEqualTo(new Endpoint("10.0.0.66", 9000));
        assertThat(e.targetProcessingTime()).isEqualTo(Duration.ofMillis(2));
        assertThat(e.receivedBytes()).isEqualTo(5);
        assertThat(e.sentBytes()).isEqualTo(257);
        assertThat(e.url()).isEqualTo("https://10.0.2.105:773/");
        assertThat(e.protocolVersion()).isEqualTo("HTTP/2.0");
        assertThat(e.sslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
        assertThat(e.traceId()).isEqualTo("Root=1-58337327-72bd00b0343d75b906739c42");
        assertThat(e.domainName()).isNull();
        assertThat(e.chosenCertArn()).isNull();
        assertThat(e.matchedRulePriority()).isEqualTo(1);
        assertThat(e.actionsExecuted()).containsExactly("redirect");
        assertThat(e.redirectUrl()).isEqualTo("https://example.com:80/");
        assertThat(e.errorReason()).isNull();
        assertThat(e.targets()).containsExactly(new Endpoint("10.0.0.66", 9000));
        assertThat(e.targetStatusCodes()).containsExactly(200);
    }

    @Test
    void readsTheDocumentedWebSocketsEntries() {
        var ws = AlbLogParser.parseLine(AwsDocExamples.WEBSOCKETS);
        assertThat(ws.type()).isEqualTo("ws");
        assertThat(ws.client()).isEqualTo(new Endpoint("10.0.0.140", 40914));
        assertThat(ws.target()).isEqualTo(new Endpoint("10.0.1.192", 8010));
        assertThat(ws.requestProcessingTime()).isEqualTo(Duration.ofMillis(1));
        assertThat(ws.targetProcessingTime()).isEqualTo(Duration.ofMillis(3));
        assertThat(ws.elbStatusCode()).isEqualTo(101);
        assertThat(ws.targetStatusCode()).isEqualTo(101);
        assertThat(ws.receivedBytes()).isEqualTo(218);
        assertThat(ws.sentBytes()).isEqualTo(587);
        assertThat(ws.url()).isEqualTo("http://10.0.0.30:80/");
        assertThat(ws.userAgent()).as("\"-\" means no User-Agent").isNull();
        assertThat(ws.sslCipher()).isNull();
        assertThat(ws.targets()).containsExactly(new Endpoint("10.0.1.192", 8010));
        assertThat(ws.targetStatusCodes()).containsExactly(101);

        var wss = AlbLogParser.parseLine(AwsDocExamples.SECURE_WEBSOCKETS);
        assertThat(wss.type()).isEqualTo("wss");
        assertThat(wss.client()).isEqualTo(new Endpoint("10.0.0.140", 44244));
        assertThat(wss.target()).isEqualTo(new Endpoint("10.0.0.171", 8010));
        assertThat(wss.sentBytes()).isEqualTo(786);
        assertThat(wss.url()).isEqualTo("https://10.0.0.30:443/");
        assertThat(wss.sslProtocol()).isEqualTo("TLSv1.2");
        assertThat(wss.targetGroupArn()).contains("us-west-2");
        assertThat(wss.targets()).containsExactly(new Endpoint("10.0.0.171", 8010));
    }

    @Test
    void readsTheDocumentedLambdaEntriesWithoutTarget() {
        var ok = AlbLogParser.parseLine(AwsDocExamples.LAMBDA_OK);
        assertThat(ok.time()).isEqualTo(Instant.parse("2018-11-30T22:23:00.186641Z"));
        assertThat(ok.target()).isNull();
        assertThat(ok.elbStatusCode()).isEqualTo(200);
        assertThat(ok.targetStatusCode()).isEqualTo(200);
        assertThat(ok.errorReason()).isNull();
        assertThat(ok.targets()).isEmpty();
        assertThat(ok.targetStatusCodes()).isEmpty();
        assertThat(ok.classification()).isNull();

        var failed = AlbLogParser.parseLine(AwsDocExamples.LAMBDA_FAILED);
        assertThat(failed.target()).isNull();
        assertThat(failed.elbStatusCode()).isEqualTo(502);
        assertThat(failed.targetStatusCode()).as("- when no target answered").isNull();
        assertThat(failed.errorReason()).isEqualTo("LambdaInvalidResponse");
        assertThat(failed.targets()).isEmpty();
        assertThat(failed.targetStatusCodes()).isEmpty();
    }

    @Test
    void readsThe2018LayoutThatEndsAtErrorReason() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTP_2018);

        assertThat(e.errorReason()).isNull();
        assertThat(e.actionsExecuted()).containsExactly("forward");
        assertThat(e.targets()).isEmpty();
        assertThat(e.targetStatusCodes()).isEmpty();
        assertThat(e.classification()).isNull();
        assertThat(e.connTraceId()).isNull();
        assertThat(e.extraFields()).isEmpty();
    }

    @Test
    void keepsMinusOneTimesApartFromZeroForAFixedResponseFromTheDefaultRule() {
        var e = AlbLogParser.parseLine(AwsDocExamples.FIXED_RESPONSE);

        assertThat(e.target()).isNull();
        assertThat(e.requestProcessingTime()).as("-1: not applicable").isNull();
        assertThat(e.targetProcessingTime()).isNull();
        assertThat(e.responseProcessingTime()).isNull();
        assertThat(e.elbStatusCode()).isEqualTo(404);
        assertThat(e.targetStatusCode()).isNull();
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(e.targetGroupArn()).isNull();
        assertThat(e.chosenCertArn()).isEqualTo(CERT);
        assertThat(e.matchedRulePriority()).isZero();
        assertThat(e.matchedDefaultRule()).isTrue();
        assertThat(e.actionsExecuted()).containsExactly("fixed-response");
        assertThat(e.connTraceId()).isEqualTo("TID_ba88f3bfb4f5c249b7d9f74348a70697");
        assertThat(e.transformedHost()).isNull();
        assertThat(e.transformedUri()).isNull();
        assertThat(e.requestTransformStatus()).isNull();
        assertThat(e.extraFields())
                .as("fields AWS adds later are kept, not rejected")
                .containsExactly("198.51.100.7");
    }

    @Test
    void readsAFailedAuthentication() {
        var e = AlbLogParser.parseLine(AwsDocExamples.FAILED_AUTH);

        assertThat(e.elbStatusCode()).isEqualTo(401);
        assertThat(e.requestProcessingTime()).isEqualTo(Duration.ofMillis(1));
        assertThat(e.targetProcessingTime()).isNull();
        assertThat(e.actionsExecuted()).containsExactly("authenticate");
        assertThat(e.errorReason()).isEqualTo("AuthInvalidCookie");
        assertThat(e.sessionReused()).isTrue();
        assertThat(e.matchedRulePriority()).isEqualTo(3);
        assertThat(e.path()).isEqualTo("/app");
        assertThat(e.query()).isEqualTo("next=%2Fhome");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-02-05T10:00:00.000001Z"));
    }

    @Test
    void readsAnIncompleteRequestWithNoMethodNoTargetAndNoRule() {
        var e = AlbLogParser.parseLine(AwsDocExamples.MALFORMED_REQUEST);

        assertThat(e.method()).isNull();
        assertThat(e.url()).isEqualTo("http://my-loadbalancer-123.us-east-2.elb.amazonaws.com:80-");
        assertThat(e.path()).isEmpty();
        assertThat(e.query()).isNull();
        assertThat(e.protocolVersion()).isNull();
        assertThat(e.userAgent()).isNull();
        assertThat(e.requestProcessingTime()).isNull();
        assertThat(e.elbStatusCode()).isEqualTo(400);
        assertThat(e.targetStatusCode()).isNull();
        assertThat(e.receivedBytes()).isZero();
        assertThat(e.sentBytes()).isEqualTo(272);
        assertThat(e.targetGroupArn()).isNull();
        assertThat(e.traceId()).isNull();
        assertThat(e.matchedRulePriority())
                .as("- : an error other than rule evaluation")
                .isNull();
        assertThat(e.matchedDefaultRule()).isFalse();
        assertThat(e.ruleEvaluationFailed()).isFalse();
        assertThat(e.actionsExecuted()).isEmpty();
    }

    @Test
    void readsIpv6EndpointsEscapedQuotesAndADesyncClassification() {
        var e = AlbLogParser.parseLine(AwsDocExamples.CLASSIFIED_IPV6);

        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-01T12:00:00.500Z"));
        assertThat(e.client()).isEqualTo(new Endpoint("2001:db8::1", 51000));
        assertThat(e.target()).isEqualTo(new Endpoint("2001:db8::20", 8080));
        assertThat(e.target()).hasToString("[2001:db8::20]:8080");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("https://www.example.com:443/a b/c?x=1 y");
        assertThat(e.path()).isEqualTo("/a b/c");
        assertThat(e.query()).isEqualTo("x=1 y");
        assertThat(e.protocolVersion()).isEqualTo("HTTP/2.0");
        assertThat(e.userAgent()).isEqualTo("agent \"quoted\" back\\slash");
        assertThat(e.matchedRulePriority()).isEqualTo(AlbLogEntry.MAX_RULE_PRIORITY);
        assertThat(e.actionsExecuted()).containsExactly("waf", "forward");
        assertThat(e.targets()).containsExactly(new Endpoint("2001:db8::20", 8080));
        assertThat(e.classification()).isEqualTo("Acceptable");
        assertThat(e.classificationReason()).isEqualTo("SpaceInUri");
        assertThat(e.connTraceId()).isEqualTo("TID_1");
        assertThat(e.extraFields()).isEmpty();
    }

    @Test
    void reportsRuleEvaluationErrorsApartFromTheDefaultRule() {
        var e = AlbLogParser.parseLine(
                AwsDocExamples.HTTP.replace(" 0 2018-07-02T22:22:48", " -1 2018-07-02T22:22:48"));

        assertThat(e.matchedRulePriority()).isEqualTo(AlbLogEntry.RULE_EVALUATION_ERROR);
        assertThat(e.ruleEvaluationFailed()).isTrue();
        assertThat(e.matchedDefaultRule()).isFalse();
    }

    @Test
    void ignoresATrailingCarriageReturn() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTP + "\r");

        assertThat(e.connTraceId()).isEqualTo("TID_1234abcd5678ef90");
    }

    @Test
    void keepsSubMillisecondPrecisionOfProcessingTimes() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTP.replace(" 0.000 0.001 0.000 ", " 0.000123 12.5 3 "));

        assertThat(e.requestProcessingTime()).isEqualTo(Duration.ofNanos(123_000));
        assertThat(e.targetProcessingTime()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(e.responseProcessingTime()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theListsAreUnmodifiable() {
        var e = AlbLogParser.parseLine(AwsDocExamples.HTTPS);

        assertThat(e.actionsExecuted()).isUnmodifiable();
        assertThat(e.targets()).isUnmodifiable();
        assertThat(e.targetStatusCodes()).isEqualTo(List.of(200)).isUnmodifiable();
    }
}
