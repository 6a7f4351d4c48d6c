package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrincipalsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Principals principals = new Principals(nanos::get);

    @Test
    void acceptanceThatRacedA401IsNotRecorded() {
        Principals.Claim alice = claim("/hospitals", "Basic YWxpY2U6b2xk");
        Principals.Claim bob = claim("/hospitals", "Basic Ym9iOnB3");
        principals.answered(bob, 200, principals.revocations());
        long sentAt = principals.revocations();

        principals.answered(bob, 401, principals.revocations()); // lands while alice's request is out
        principals.answered(alice, 200, sentAt);

        assertThat(principals.accepted(bob)).isFalse();
        assertThat(principals.accepted(alice)).isFalse();
        principals.answered(alice, 200, principals.revocations());
        assertThat(principals.accepted(alice)).isTrue();
    }

    @Test
    void a401ToAnUnknownCredentialCostsNothing() {
        Principals.Claim stranger = claim("/hospitals", "Basic c3RyYW5nZXI6eA==");
        long before = principals.revocations();

        principals.answered(stranger, 401, before);

        assertThat(principals.revocations()).isEqualTo(before);
    }

    @Test
    void onlyAnswersThatShowAuthenticationAccept() {
        assertThat(Principals.accepts(200)).isTrue();
        assertThat(Principals.accepts(301)).isTrue();
        assertThat(Principals.accepts(404)).isTrue();
        assertThat(Principals.accepts(401)).isFalse();
        assertThat(Principals.accepts(403)).isFalse();
        assertThat(Principals.accepts(500)).isFalse();
        assertThat(Principals.accepts(503)).isFalse();
    }

    private static Principals.Claim claim(String path, String authorization) {
        var request = request("GET", path, "Authorization", authorization);
        return Principals.claim(request, CacheKey.of(request, true));
    }
}
