package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.SecurityEvent;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void secretQueryValuesAreMaskedAndTheRestKept() {
        String evidence = Evidence.of(
                "POST",
                "/login",
                "user=kim&password=hunter2&Pass%77ord=x2&api_key=abc123&token=t0k&page=2",
                "no Authorization header");

        assertThat(evidence)
                .isEqualTo("POST /login?user=kim&password=***&Pass%77ord=***&api_key=***&token=***&page=2"
                        + " (no Authorization header)");
        assertThat(evidence).doesNotContain("hunter2", "x2&", "abc123", "t0k");
    }

    @Test
    void controlCharactersAreReplacedAndLengthIsBounded() {
        String evidence = Evidence.of("GET", "/a\r\nInjected: yes" + "/x".repeat(500), "q=\u0001", "note");

        assertThat(evidence).doesNotContain("\r", "\n");
        assertThat(evidence.length()).isLessThanOrEqualTo(SecurityEvent.MAX_EVIDENCE_CHARS);
        assertThat(evidence).contains("...").endsWith("(note)");
    }

    @Test
    void aRequestWithoutQueryIsMethodAndPath() {
        assertThat(Evidence.of("DELETE", "/patients/3", null, null)).isEqualTo("DELETE /patients/3");
    }
}
