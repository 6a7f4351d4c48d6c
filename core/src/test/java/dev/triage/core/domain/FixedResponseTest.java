package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedResponseTest {

    @Test
    void bodyOf1024BytesIsAllowedAnd1025IsNot() {
        assertThat(new FixedResponse(200, "text/plain", "a".repeat(1024)).messageBody())
                .hasSize(1024);
        assertThatThrownBy(() -> new FixedResponse(200, "text/plain", "a".repeat(1025)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("fixed-response action: messageBody: 1025 bytes (expected: at most 1024)");
    }

    @Test
    void bodyIsMeasuredInUtf8Bytes() {
        String body = "é".repeat(513); // 513 characters, 1026 bytes
        assertThatThrownBy(() -> new FixedResponse(503, "text/plain", body))
                .hasMessage("fixed-response action: messageBody: 1026 bytes (expected: at most 1024)");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 299, 400, 404, 503, 599})
    void acceptsSuccessClientAndServerErrorCodes(int status) {
        assertThat(new FixedResponse(status, null, null).statusCode()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 301, 302, 600})
    void rejectsOtherCodes(int status) {
        assertThatThrownBy(() -> new FixedResponse(status, null, null))
                .hasMessage(
                        "fixed-response action: statusCode: " + status + " (expected: 200..299, 400..499 or 500..599)");
    }

    @Test
    void contentTypeIsOneOfAlbsFive() {
        assertThatThrownBy(() -> new FixedResponse(200, "text/xml", "x"))
                .hasMessageContaining("contentType: 'text/xml' (expected: one of text/plain");
    }

    @Test
    void reportsStatusAndBodyTogether() {
        assertThatThrownBy(() -> new FixedResponse(302, "text/plain", "a".repeat(2000)))
                .hasMessage("fixed-response action has 2 problems: statusCode: 302 (expected: 200..299, 400..499 or"
                        + " 500..599); messageBody: 2000 bytes (expected: at most 1024)");
    }
}
