package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.body;
import static dev.triage.agent.cache.CacheFixture.get;
import static dev.triage.agent.cache.CacheFixture.policy;
import static dev.triage.agent.cache.CacheFixture.request;
import static dev.triage.agent.cache.CacheFixture.xCache;
import static dev.triage.agent.cache.FakeUpstream.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Exchange;
import org.junit.jupiter.api.Test;

class ResponseCachePrincipalTest {

    private static final String ALICE = "Bearer alice-secret-token";
    private static final String BOB = "Bearer bob-secret-token";

    private final CacheFixture fixture = new CacheFixture();
    private final FakeUpstream upstream = fixture.upstream;

    @Test
    void authorizationNeverSharedAcrossPrincipals() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 60_000));
        upstream.replying(
                (request, call) -> ok(request.headers().first("Authorization").orElse("anonymous") + " #" + call));

        ProxyResponse alice = get(route, "/patients/7", "Authorization", ALICE);
        ProxyResponse bob = get(route, "/patients/7", "Authorization", BOB);
        ProxyResponse anonymous = get(route, "/patients/7");
        ProxyResponse aliceAgain = get(route, "/patients/7", "Authorization", ALICE);
        ProxyResponse bobAgain = get(route, "/patients/7", "Authorization", BOB);

        assertThat(xCache(alice)).isEqualTo("MISS");
        assertThat(xCache(bob)).isEqualTo("MISS");
        assertThat(xCache(anonymous)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(xCache(aliceAgain)).isEqualTo("HIT");
        assertThat(body(aliceAgain)).isEqualTo(ALICE + " #1");
        assertThat(body(bobAgain)).isEqualTo(BOB + " #2");
    }

    @Test
    void principalIsKeptAsDigestNeverAsTheCredential() {
        CacheKey key = CacheKey.of(request("GET", "/patients/7", "Authorization", ALICE), false);

        assertThat(key.principal()).hasSize(64).doesNotContain("alice");
        assertThat(key.toString()).doesNotContain("alice-secret-token");
        assertThat(CacheKey.of(request("GET", "/patients/7", "Authorization", ALICE), true)
                        .principal())
                .isNull();
    }

    @Test
    void sharedWhenPolicySays() throws Exception {
        Exchange route = fixture.route(new CachePolicy(60_000, 0, 0, true, 0));

        get(route, "/hospitals", "Authorization", ALICE);
        ProxyResponse bob = get(route, "/hospitals", "Authorization", BOB);

        assertThat(xCache(bob)).isEqualTo("HIT");
        assertThat(body(bob)).isEqualTo("v1");
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void privateNotShared() throws Exception {
        upstream.replying((request, call) -> ok("v" + call, "Cache-Control", "private, max-age=60"));
        Exchange perPrincipal = fixture.route(policy(60_000, 0, 0));
        Exchange shared = fixture.route(new CachePolicy(60_000, 0, 0, true, 0));

        get(perPrincipal, "/anonymous");
        ProxyResponse anonymousAgain = get(perPrincipal, "/anonymous");
        get(perPrincipal, "/mine", "Authorization", ALICE);
        ProxyResponse aliceAgain = get(perPrincipal, "/mine", "Authorization", ALICE);
        get(shared, "/shared", "Authorization", ALICE);
        ProxyResponse bobOnShared = get(shared, "/shared", "Authorization", BOB);

        assertThat(xCache(anonymousAgain))
                .as("private without a principal is not stored")
                .isEqualTo("MISS");
        assertThat(xCache(aliceAgain)).as("private under alice's own key").isEqualTo("HIT");
        assertThat(xCache(bobOnShared))
                .as("private never stored where it would be shared")
                .isEqualTo("MISS");
        assertThat(body(bobOnShared)).isEqualTo("v5");
    }

    @Test
    void setCookieIsNotStoredForSharing() throws Exception {
        upstream.replying((request, call) -> ok("v" + call, "Set-Cookie", "session=abc"));
        Exchange route = fixture.route(policy(60_000, 0, 0));

        get(route, "/login-page");
        ProxyResponse again = get(route, "/login-page");

        assertThat(xCache(again)).isEqualTo("MISS");
        assertThat(again.headers().first("Set-Cookie")).contains("session=abc");
    }
}
