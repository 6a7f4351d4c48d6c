package dev.triage.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.accesslog.AlbLogEntry.Endpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlbLogEntryTest {

    private static final AlbLogEntry HTTP = AlbLogParser.parseLine(AwsDocExamples.HTTP);

    private static AlbLogEntry with(String url) {
        return copy(
                HTTP,
                url,
                HTTP.receivedBytes(),
                HTTP.sentBytes(),
                HTTP.elbStatusCode(),
                HTTP.matchedRulePriority(),
                HTTP.requestProcessingTime());
    }

    private static AlbLogEntry copy(
            AlbLogEntry e,
            String url,
            long receivedBytes,
            long sentBytes,
            Integer elbStatusCode,
            Integer matchedRulePriority,
            Duration requestProcessingTime) {
        return new AlbLogEntry(
                e.type(),
                e.time(),
                e.loadBalancer(),
                e.client(),
                e.target(),
                requestProcessingTime,
                e.targetProcessingTime(),
                e.responseProcessingTime(),
                elbStatusCode,
                e.targetStatusCode(),
                receivedBytes,
                sentBytes,
                e.method(),
                url,
                e.protocolVersion(),
                e.userAgent(),
                e.sslCipher(),
                e.sslProtocol(),
                e.targetGroupArn(),
                e.traceId(),
                e.domainName(),
                e.chosenCertArn(),
                matchedRulePriority,
                e.requestCreationTime(),
                e.actionsExecuted(),
                e.redirectUrl(),
                e.errorReason(),
                e.targets(),
                e.targetStatusCodes(),
                e.classification(),
                e.classificationReason(),
                e.connTraceId(),
                e.transformedHost(),
                e.transformedUri(),
                e.requestTransformStatus(),
                e.extraFields());
    }

    @Test
    void pathAndQuerySplitTheUrlAsTheClientSentIt() {
        assertThat(with("https://h:443/a/b?c=d&e=%20#frag").path()).isEqualTo("/a/b");
        assertThat(with("https://h:443/a/b?c=d&e=%20#frag").query()).isEqualTo("c=d&e=%20");
        assertThat(with("https://h:443/a#x?y").path()).isEqualTo("/a");
        assertThat(with("https://h:443/a#x?y").query()).isNull();
        assertThat(with("http://h:80").path()).isEmpty();
        assertThat(with("http://h:80?q").path()).isEmpty();
        assertThat(with("http://h:80?q").query()).isEqualTo("q");
        assertThat(with("/relative?x=1").path()).isEqualTo("/relative");
        assertThat(with("/relative?x=1").query()).isEqualTo("x=1");
        assertThat(with("http://h:80/?").query()).isEmpty();
    }

    @Test
    void validationReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> copy(HTTP, HTTP.url(), -1, -2, 1200, 50_001, Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestProcessingTime: PT-0.005S (expected: >= 0, or null for -1);"
                        + " elbStatusCode: 1200 (expected: 0..999);"
                        + " receivedBytes: -1 (expected: >= 0);"
                        + " sentBytes: -2 (expected: >= 0);"
                        + " matchedRulePriority: 50001 (expected: -1..50000 or null)");
    }

    @Test
    void mandatoryFieldsAreRequired() {
        assertThatThrownBy(() -> with(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("url");
    }

    @Test
    void anEndpointChecksItsPort() {
        assertThatThrownBy(() -> new Endpoint("10.0.0.1", 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> new Endpoint("", 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ip: empty (expected: an IP address)");
        assertThat(new Endpoint("10.0.0.1", 80)).hasToString("10.0.0.1:80");
    }

    @Test
    void inRangeIncludesFromAndExcludesTo() {
        Instant time = HTTP.time();

        assertThat(AlbLogParser.inRange(HTTP, time, time.plusNanos(1))).isTrue();
        assertThat(AlbLogParser.inRange(HTTP, time.minusSeconds(1), time)).isFalse();
        assertThat(AlbLogParser.inRange(HTTP, time.plusNanos(1), time.plusSeconds(1)))
                .isFalse();
        assertThat(AlbLogParser.inRange(HTTP, time, time))
                .as("an empty range holds nothing")
                .isFalse();
    }

    @Test
    void inRangeRefusesAReversedRange() {
        Instant time = HTTP.time();

        assertThatThrownBy(() -> AlbLogParser.inRange(HTTP, time.plusSeconds(1), time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from: 2018-07-02T22:23:01.186641Z (expected: not after to 2018-07-02T22:23:00.186641Z)");
    }
}
