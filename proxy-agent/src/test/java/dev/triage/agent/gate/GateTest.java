package dev.triage.agent.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GateTest {

    private static ProxyRequest request(String method, String... headers) {
        return new ProxyRequest(method, "/patients/1/notes", null, Headers.of(headers), null, "10.0.0.1", "r1");
    }

    private static String bodyOf(Optional<ProxyResponse> response) {
        return new String(response.orElseThrow().body(), StandardCharsets.UTF_8);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openAdmitsEverything() {
        assertThat(Gate.OPEN.admit(request("DELETE", "Content-Length", "999999999")))
                .isEmpty();
        assertThat(Gate.OPEN.maxBodyBytes()).isZero();
        assertThat(Gate.compile(null)).isSameAs(Gate.OPEN);
    }

    @Nested
    class Methods {
        private final Gate gate = Gate.compile(new GatePolicy(null, false, 0, List.of("GET", "POST")));

        @Test
        void admitsListedMethods() {
            assertThat(gate.admit(request("GET"))).isEmpty();
            assertThat(gate.admit(request("POST"))).isEmpty();
        }

        @Test
        void refusesOthersWith405AndAnAllowHeader() {
            Optional<ProxyResponse> refused = gate.admit(request("DELETE"));

            assertThat(refused.orElseThrow().status()).isEqualTo(405);
            assertThat(refused.orElseThrow().headers().first("Allow")).contains("GET, POST");
            assertThat(gate.admit(request("get")))
                    .as("methods are case-sensitive")
                    .isPresent();
        }

        @Test
        void anEmptyListAllowsAll() {
            Gate all = Gate.compile(new GatePolicy(null, false, 0, List.of()));
            assertThat(all.admit(request("PROPFIND"))).isEmpty();
        }
    }

    @Nested
    class RequiredHeader {
        private final Gate gate = Gate.compile(new GatePolicy(
                new GatePolicy.RequiredHeader("X-Origin-Secret", List.of("old-s3cret", "new-s3cret-2")),
                false,
                0,
                List.of()));

        @Test
        void admitsEitherValueDuringARotation() {
            assertThat(gate.admit(request("GET", "X-Origin-Secret", "old-s3cret")))
                    .isEmpty();
            assertThat(gate.admit(request("GET", "x-origin-secret", "new-s3cret-2")))
                    .isEmpty();
        }

        @Test
        void refusesAMissingHeaderWith403() {
            Optional<ProxyResponse> refused = gate.admit(request("GET"));

            assertThat(refused.orElseThrow().status()).isEqualTo(403);
            assertThat(bodyOf(refused)).contains("X-Origin-Secret");
        }

        @Test
        void refusesAWrongValueWithoutEchoingAnySecret() {
            Optional<ProxyResponse> refused = gate.admit(request("GET", "X-Origin-Secret", "guess-123"));

            assertThat(refused.orElseThrow().status()).isEqualTo(403);
            assertThat(bodyOf(refused)).doesNotContain("guess-123", "old-s3cret", "new-s3cret-2");
            assertThat(gate.admit(request("GET", "X-Origin-Secret", "OLD-S3CRET")))
                    .as("secrets are exact")
                    .isPresent();
            assertThat(gate.admit(request("GET", "X-Origin-Secret", "old-s3cre")))
                    .isPresent();
        }

        @Test
        void neverPutsSecretsInErrorsOrToString() {
            assertThat(gate.toString()).doesNotContain("s3cret");
            assertThatThrownBy(() -> Gate.compile(new GatePolicy(
                            new GatePolicy.RequiredHeader("X-Origin-Secret", List.of()), false, 0, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("requiredHeader.values: empty");
        }
    }

    @Nested
    class BasicAuth {
        private final Gate gate = Gate.compile(new GatePolicy(null, true, 0, null));

        private void assertRefused(Optional<ProxyResponse> refused, String reason) {
            assertThat(refused).isPresent();
            assertThat(refused.orElseThrow().status()).isEqualTo(401);
            assertThat(refused.orElseThrow().headers().first("WWW-Authenticate"))
                    .contains("Basic realm=\"triage\"");
            assertThat(bodyOf(refused)).contains(reason);
        }

        @Test
        void admitsWellFormedCredentials() {
            assertThat(gate.admit(request("GET", "Authorization", basic("dr.vet:pa:ss"))))
                    .isEmpty();
            assertThat(gate.admit(request(
                            "GET", "Authorization", "basic " + basic("a:").substring(6))))
                    .as("scheme in any case, empty password")
                    .isEmpty();
        }

        @Test
        void refusesAMissingHeader() {
            assertRefused(gate.admit(request("GET")), "requires HTTP Basic credentials");
        }

        @Test
        void refusesAnotherScheme() {
            assertRefused(gate.admit(request("GET", "Authorization", "Bearer eyJhbGciOi")), "scheme must be Basic");
        }

        @Test
        void refusesBadBase64() {
            assertRefused(gate.admit(request("GET", "Authorization", "Basic !!not-base64!!")), "not valid base64");
        }

        @Test
        void refusesCredentialsWithoutAColon() {
            assertRefused(gate.admit(request("GET", "Authorization", basic("justauser"))), "user:password");
        }

        @Test
        void refusesAnEmptyUser() {
            assertRefused(gate.admit(request("GET", "Authorization", basic(":password"))), "empty user");
        }
    }

    @Nested
    class BodyLimit {
        private final Gate gate = Gate.compile(new GatePolicy(null, false, 10_485_760, null));

        @Test
        void admitsBodiesUpToTheLimit() {
            assertThat(gate.admit(request("POST", "Content-Length", "10485760")))
                    .isEmpty();
            assertThat(gate.admit(request("POST"))).isEmpty();
            assertThat(gate.maxBodyBytes()).isEqualTo(10_485_760);
        }

        @Test
        void refusesALargerDeclaredBodyWith413SayingBothSizes() {
            Optional<ProxyResponse> refused = gate.admit(request("POST", "Content-Length", "20971520"));

            assertThat(refused.orElseThrow().status()).isEqualTo(413);
            assertThat(bodyOf(refused))
                    .contains("request body 20971520 bytes exceeds this route's limit of 10485760 bytes");
        }

        @Test
        void refusesABufferedBodyOverTheLimit() {
            Gate small = Gate.compile(new GatePolicy(null, false, 4, null));
            ProxyRequest request = new ProxyRequest(
                    "POST", "/x", null, Headers.EMPTY, "12345".getBytes(StandardCharsets.UTF_8), "10.0.0.1", "r1");

            assertThat(small.admit(request).orElseThrow().status()).isEqualTo(413);
        }

        @Test
        void refusesAMalformedOrConflictingLength() {
            assertThat(gate.admit(request("POST", "Content-Length", "12abc"))
                            .orElseThrow()
                            .status())
                    .isEqualTo(400);
            assertThat(gate.admit(request("POST", "Content-Length", "5", "Content-Length", "6"))
                            .orElseThrow()
                            .status())
                    .isEqualTo(400);
        }
    }

    @Test
    void checksInOrderMethodsThenHeaderThenAuthThenSize() {
        Gate gate = Gate.compile(new GatePolicy(
                new GatePolicy.RequiredHeader("X-Origin-Secret", List.of("s")), true, 10, List.of("POST")));

        assertThat(gate.admit(request("PUT", "Content-Length", "99"))
                        .orElseThrow()
                        .status())
                .isEqualTo(405);
        assertThat(gate.admit(request("POST", "Content-Length", "99"))
                        .orElseThrow()
                        .status())
                .isEqualTo(403);
        assertThat(gate.admit(request("POST", "X-Origin-Secret", "s", "Content-Length", "99"))
                        .orElseThrow()
                        .status())
                .isEqualTo(401);
        assertThat(gate.admit(request(
                                "POST", "X-Origin-Secret", "s", "Authorization", basic("u:p"), "Content-Length", "99"))
                        .orElseThrow()
                        .status())
                .isEqualTo(413);
        assertThat(gate.admit(
                        request("POST", "X-Origin-Secret", "s", "Authorization", basic("u:p"), "Content-Length", "9")))
                .isEmpty();
    }
}
