package dev.triage.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityEventTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theJsonUsesLowerCaseKindsAndSeveritiesAndRoundTrips() throws Exception {
        SecurityEvent event = SecurityEvent.first(
                SecurityEvent.Kind.UNAUTHENTICATED_WRITE,
                "203.0.113.7",
                "writes",
                "POST /patients/1/notes (no Authorization header)",
                AT);

        String json = JSON.writeValueAsString(event);

        assertThat(json)
                .isEqualTo("{\"kind\":\"unauthenticated_write\",\"severity\":\"critical\",\"sourceIp\":\"203.0.113.7\","
                        + "\"route\":\"writes\",\"evidence\":\"POST /patients/1/notes (no Authorization header)\","
                        + "\"time\":\"2026-03-01T10:00:00Z\",\"count\":1,\"windowMs\":0,\"summary\":false,"
                        + "\"message\":\"unauthenticated write from 203.0.113.7 on route writes\"}");
        assertThat(JSON.readValue(json, SecurityEvent.class)).isEqualTo(event);
    }

    @Test
    void aSummarySaysHowManyMoreInWhichWindow() {
        SecurityEvent summary = SecurityEvent.summary(
                SecurityEvent.Kind.AUTH_FAILURE_BURST, "203.0.113.7", "writes", "POST /x", AT, 37, 10_000);

        assertThat(summary.message())
                .isEqualTo("burst of 401/403 answers (credential guessing) from 203.0.113.7 on route writes:"
                        + " and 37 more in 10 s");
        assertThat(summary.instant()).isEqualTo(AT);
    }

    @Test
    void invalidEventsAreRefusedWithTheField() {
        assertThatThrownBy(() -> new SecurityEvent(
                        SecurityEvent.Kind.INJECTION,
                        SecurityEvent.Severity.WARNING,
                        "1.2.3.4",
                        "r",
                        "e",
                        "yesterday",
                        1,
                        0,
                        false,
                        null))
                .hasMessageStartingWith("time: yesterday");
        assertThatThrownBy(() -> SecurityEvent.summary(SecurityEvent.Kind.INJECTION, "1.2.3.4", "r", "e", AT, 0, 1))
                .hasMessage("count: 0 (expected: >= 1)");
        assertThatThrownBy(() -> SecurityEvent.first(SecurityEvent.Kind.INJECTION, "1.2.3.4", "r", "e".repeat(301), AT))
                .hasMessage("evidence: 301 characters (expected: at most 300)");
    }
}
