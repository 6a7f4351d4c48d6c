package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.detect.Credentials.Shape;
import dev.triage.agent.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wellFormedBasicAndBearerCredentialsArePresent() {
        assertThat(Credentials.shape(basic("dr.alvarez:correct horse"))).isEqualTo(Shape.PRESENT);
        assertThat(Credentials.shape(basic("a:"))).isEqualTo(Shape.PRESENT);
        assertThat(Credentials.shape(basic("nurse.kim:x:y"))).isEqualTo(Shape.PRESENT);
        assertThat(Credentials.shape(
                        "basic " + Base64.getEncoder().withoutPadding().encodeToString("ab:c".getBytes())))
                .isEqualTo(Shape.PRESENT);
        assertThat(Credentials.shape("Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl")).isEqualTo(Shape.PRESENT);
        assertThat(Credentials.shape("Digest username=\"a\"")).isEqualTo(Shape.PRESENT);
    }

    @Test
    void missingAndMalformedCredentialsAreToldApart() {
        assertThat(Credentials.of(Headers.of("Content-Type", "application/json")))
                .isEqualTo(Shape.ABSENT);
        assertThat(Credentials.of(Headers.of("Authorization", basic("a:b"), "authorization", basic("c:d"))))
                .isEqualTo(Shape.DUPLICATED);
        assertThat(Credentials.shape("")).isEqualTo(Shape.EMPTY);
        assertThat(Credentials.shape("Basic")).isEqualTo(Shape.EMPTY);
        assertThat(Credentials.shape("Basic !!!notbase64")).isEqualTo(Shape.BASIC_NOT_BASE64);
        assertThat(Credentials.shape("Basic abcde")).isEqualTo(Shape.BASIC_NOT_BASE64);
        assertThat(Credentials.shape("Basic YWJj=")).isEqualTo(Shape.BASIC_NOT_BASE64);
        assertThat(Credentials.shape(basic("nocolon"))).isEqualTo(Shape.BASIC_NO_COLON);
        assertThat(Credentials.shape(basic(":password"))).isEqualTo(Shape.BASIC_EMPTY_USER);
        assertThat(Credentials.shape("Bearer not a token")).isEqualTo(Shape.BEARER_MALFORMED);
    }

    @Test
    void malformationsAreDescribedWithoutTheValue() {
        for (Shape shape : Shape.values()) {
            if (shape.evidence != null) {
                assertThat(shape.evidence).doesNotContain("YWJj").doesNotContain("=");
            }
        }
        assertThat(Shape.PRESENT.malformed()).isFalse();
        assertThat(Shape.ABSENT.malformed()).isFalse();
        assertThat(Shape.BASIC_NO_COLON.malformed()).isTrue();
    }
}
