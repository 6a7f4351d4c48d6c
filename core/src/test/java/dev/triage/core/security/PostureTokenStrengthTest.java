package dev.triage.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.client.AgentEndpoint;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PostureTokenStrengthTest {

    private static TokenStrength measure(String token) {
        return TokenStrength.measure(token.toCharArray(), 32);
    }

    @Test
    void randomTokensOfTheUsualShapesAreStrong() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String base64 = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // as the lab makes them
            String hex = HexFormat.of().formatHex(bytes);
            assertThat(measure(base64).weakness()).as("base64 token %d", i).isNull();
            assertThat(measure(hex).weakness()).as("hex token %d", i).isNull();
        }
    }

    @Test
    void aShortTokenIsWeakWhateverItsCharacters() {
        TokenStrength strength = measure("Zq8+h7Kx2mPv9sLd3Rt6Wy4");

        assertThat(strength.strong()).isFalse();
        assertThat(strength.weakness()).isEqualTo("it has 23 characters (expected: at least 32)");
    }

    @Test
    void longTokensThatAreEasyToGuessAreWeak() {
        assertThat(measure("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").weakness())
                .isEqualTo("it repeats a 1-character pattern");
        assertThat(measure("abcdefghijklmnopqrstuvwxyz0123456789").weakness())
                .isEqualTo("it is mostly a run of consecutive characters");
        assertThat(measure("hosp-prod-ChangeMe-2026-edge-agent-admin").weakness())
                .isEqualTo("it contains a common word");
        assertThat(measure("ZQ8H7KX2-S3CR3T-MPV9SLD3RT6WY4NB1GFJ5C").weakness()).isEqualTo("it contains a common word");
        assertThat(measure("AxxAxAAxxAAxAxxAxAAxAxxAAxxAxAAxxAAxAxxA").weakness())
                .startsWith("its characters vary too little (about 40 bits");
    }

    @Test
    void theMessageNeverQuotesTheToken() {
        String token = "q9Zt3VbX1kR7wYpL";
        assertThat(measure(token).toString()).doesNotContain(token).doesNotContain("q9Zt");
    }

    @Test
    void anEndpointLendsACopyOfItsTokenAndWipesItAfterwards() {
        AgentEndpoint endpoint = new AgentEndpoint("edge", URI.create("http://127.0.0.1:9901"), "q9Zt3VbX1kR7wYpL");
        AtomicReference<char[]> lent = new AtomicReference<>();

        int length = endpoint.inspectToken(token -> {
            lent.set(token);
            return token.length;
        });

        assertThat(length).isEqualTo(16);
        assertThat(new String(lent.get())).isEqualTo("\0".repeat(16));
        String again = endpoint.inspectToken(chars -> new String(chars));
        assertThat(again).isEqualTo("q9Zt3VbX1kR7wYpL");
    }
}
