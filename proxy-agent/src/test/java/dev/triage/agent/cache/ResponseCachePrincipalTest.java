package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.body;
import static dev.triage.agent.cache.CacheFixture.get;
import static dev.triage.agent.cache.CacheFixture.policy;
import static dev.triage.agent.cache.CacheFixture.request;
import static dev.triage.agent.cache.CacheFixture.sharedPolicy;
import static dev.triage.agent.cache.CacheFixture.xCache;
import static dev.triage.agent.cache.FakeUpstream.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Exchange;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResponseCachePrincipalTest {

    private static final String ALICE = "Bearer alice-secret-token";
    private static final String BOB = "Bearer bob-secret-token";
    private static final String MALLORY = "Basic bWFsbG9yeTp3cm9uZw==";

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
    void principalIsKeptAsDigestNeverAsTheCredential() throws Exception {
        CacheKey key = CacheKey.of(request("GET", "/patients/7", "Authorization", ALICE), false);
        CacheKey shared = CacheKey.of(request("GET", "/patients/7", "Authorization", ALICE), true);
        Principals.Claim claim = Principals.claim(request("GET", "/patients/7", "Authorization", ALICE), shared);

        assertThat(key.principal()).hasSize(64).doesNotContain("alice");
        assertThat(key.toString()).doesNotContain("alice-secret-token");
        assertThat(shared.principal()).isEqualTo(CacheKey.AUTHENTICATED);
        assertThat(CacheKey.of(request("GET", "/patients/7"), true).principal()).isEqualTo(CacheKey.ANONYMOUS);
        assertThat(claim.principal()).isEqualTo(key.principal());
        assertThat(claim.toString()).doesNotContain("alice-secret-token");
        assertThat(new Principals.Grant(claim.principal(), 1, claim.host(), claim.path(), claim.query()).toString())
                .doesNotContain("alice-secret-token");
    }

    @Test
    void unknownPrincipalGoesToUpstreamEvenWhenSharedEntryExists() throws Exception {
        Exchange route = fixture.route(sharedPolicy(60_000, 0, 0));
        get(route, "/patients/7", "Authorization", ALICE);

        ProxyResponse bob = get(route, "/patients/7", "Authorization", BOB);

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(upstream.requests().get(1).headers().first("Authorization")).contains(BOB);
        assertThat(xCache(bob)).isEqualTo("MISS");
        assertThat(body(bob)).isEqualTo("v2");
    }

    @Test
    void unknownPrincipalGetsNoStaleCopyOnErrorNorWhileUpstreamFails() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        Exchange route = fixture.route(sharedPolicy(10_000, 0, 60_000), failing::get);
        get(route, "/patients/7", "Authorization", ALICE);
        fixture.advance(Duration.ofSeconds(20));
        upstream.replying((request, call) -> FakeUpstream.status(503));

        ProxyResponse bobOn503 = get(route, "/patients/7", "Authorization", BOB);
        failing.set(true);
        ProxyResponse bobWhileFailing = get(route, "/patients/7", "Authorization", BOB);
        ProxyResponse alice = get(route, "/patients/7", "Authorization", ALICE);

        assertThat(bobOn503.status()).isEqualTo(503);
        assertThat(bobWhileFailing.status()).isEqualTo(503);
        assertThat(upstream.calls()).as("bob went to the upstream both times").isEqualTo(3);
        assertThat(xCache(alice)).as("alice is vouched for: the stored copy").isEqualTo("STALE");
        assertThat(body(alice)).isEqualTo("v1");
    }

    @Test
    void acceptedPrincipalGetsSharedHit() throws Exception {
        Exchange route = fixture.route(sharedPolicy(10_000, 0, 0));
        get(route, "/hospitals", "Authorization", ALICE);
        get(route, "/hospitals", "Authorization", BOB); // the upstream accepts bob
        fixture.advance(Duration.ofSeconds(10));
        ProxyResponse alice = get(route, "/hospitals", "Authorization", ALICE);

        ProxyResponse bob = get(route, "/hospitals", "Authorization", BOB);

        assertThat(xCache(alice)).isEqualTo("MISS");
        assertThat(body(alice)).isEqualTo("v3");
        assertThat(xCache(bob)).as("bob gets the copy alice's request fetched").isEqualTo("HIT");
        assertThat(body(bob)).isEqualTo("v3");
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void wrongPasswordNeverSeesSharedCopy() throws Exception {
        Exchange route = fixture.route(sharedPolicy(60_000, 0, 60_000));
        upstream.replying(rejecting(MALLORY));
        get(route, "/patients/7", "Authorization", ALICE);

        ProxyResponse mallory = get(route, "/patients/7", "Authorization", MALLORY);
        ProxyResponse malloryAgain = get(route, "/patients/7", "Authorization", MALLORY);
        ProxyResponse alice = get(route, "/patients/7", "Authorization", ALICE);

        assertThat(mallory.status()).isEqualTo(401);
        assertThat(malloryAgain.status()).isEqualTo(401);
        assertThat(body(malloryAgain)).doesNotContain("v1");
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(xCache(alice))
                .as("the 401s neither replaced nor dropped the shared copy")
                .isEqualTo("HIT");
        assertThat(body(alice)).isEqualTo("v1");
        assertThat(fixture.cache.stats().entries()).isEqualTo(1);
    }

    @Test
    void anonymousAndAuthenticatedEntriesApart() throws Exception {
        Exchange route = fixture.route(sharedPolicy(60_000, 0, 0));
        upstream.replying(
                (request, call) -> ok(request.headers().first("Authorization").orElse("anonymous") + " #" + call));

        ProxyResponse alice = get(route, "/hospitals", "Authorization", ALICE);
        ProxyResponse anonymous = get(route, "/hospitals");
        ProxyResponse anonymousAgain = get(route, "/hospitals");
        ProxyResponse aliceAgain = get(route, "/hospitals", "Authorization", ALICE);

        assertThat(xCache(anonymous)).as("no copy stored for a credential").isEqualTo("MISS");
        assertThat(body(anonymous)).isEqualTo("anonymous #2");
        assertThat(xCache(anonymousAgain)).isEqualTo("HIT");
        assertThat(body(anonymousAgain)).isEqualTo("anonymous #2");
        assertThat(xCache(aliceAgain)).isEqualTo("HIT");
        assertThat(body(aliceAgain)).isEqualTo(body(alice));
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void principal401RemovesAcceptance() throws Exception {
        Exchange route = fixture.route(sharedPolicy(10_000, 0, 60_000));
        get(route, "/patients/7", "Authorization", ALICE);
        get(route, "/patients/8", "Authorization", ALICE);
        fixture.advance(Duration.ofSeconds(20));
        upstream.replying(rejecting(ALICE)); // alice's password changed

        ProxyResponse rejected = get(route, "/patients/7", "Authorization", ALICE);
        get(route, "/patients/7", "Authorization", BOB); // fresh shared copies again
        get(route, "/patients/8", "Authorization", BOB);
        int callsBefore = upstream.calls();
        ProxyResponse afterwards = get(route, "/patients/7", "Authorization", ALICE);
        ProxyResponse elsewhere = get(route, "/patients/8", "Authorization", ALICE);

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(elsewhere.status())
                .as("the 401 withdrew every URL the credential was accepted for")
                .isEqualTo(401);
        assertThat(upstream.calls()).isEqualTo(callsBefore + 2);
    }

    @Test
    void principal403RemovesAcceptanceOfThatUrl() throws Exception {
        Exchange route = fixture.route(sharedPolicy(10_000, 0, 60_000));
        get(route, "/patients/7", "Authorization", ALICE);
        fixture.advance(Duration.ofSeconds(20));
        upstream.replying((request, call) ->
                request.headers().first("Authorization").orElseThrow().equals(ALICE)
                        ? FakeUpstream.status(403)
                        : ok("v" + call));

        ProxyResponse forbidden = get(route, "/patients/7", "Authorization", ALICE);
        get(route, "/patients/7", "Authorization", BOB);
        ProxyResponse afterwards = get(route, "/patients/7", "Authorization", ALICE);

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(afterwards.status()).isEqualTo(403);
        assertThat(xCache(afterwards)).isEqualTo("MISS");
    }

    @Test
    void acceptanceIsPerUrl() throws Exception {
        Exchange route = fixture.route(sharedPolicy(60_000, 0, 0));
        get(route, "/patients/7", "Authorization", ALICE);
        upstream.replying((request, call) -> FakeUpstream.status(404)); // answered without checking

        get(route, "/no-such-path", "Authorization", MALLORY);
        ProxyResponse mallory = get(route, "/patients/7", "Authorization", MALLORY);

        assertThat(mallory.status()).isEqualTo(404);
        assertThat(xCache(mallory)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void acceptanceExpires() throws Exception {
        Exchange route = fixture.route(sharedPolicy(20 * 60_000, 0, 0));
        get(route, "/hospitals", "Authorization", ALICE);
        fixture.advance(Principals.ACCEPTANCE.minusSeconds(1));
        ProxyResponse within = get(route, "/hospitals", "Authorization", ALICE);
        fixture.advance(Duration.ofSeconds(1));

        ProxyResponse after = get(route, "/hospitals", "Authorization", ALICE);
        ProxyResponse renewed = get(route, "/hospitals", "Authorization", ALICE);

        assertThat(xCache(within)).isEqualTo("HIT");
        assertThat(xCache(after)).as("vouched for again by the upstream").isEqualTo("MISS");
        assertThat(body(after)).isEqualTo("v2");
        assertThat(xCache(renewed)).isEqualTo("HIT");
        assertThat(upstream.calls()).isEqualTo(2);
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
        ProxyResponse aliceOnShared = get(shared, "/shared", "Authorization", ALICE);

        assertThat(xCache(anonymousAgain))
                .as("private without a principal is not stored")
                .isEqualTo("MISS");
        assertThat(xCache(aliceAgain)).as("private under alice's own key").isEqualTo("HIT");
        assertThat(xCache(aliceOnShared))
                .as("private never stored where it would be shared")
                .isEqualTo("MISS");
        assertThat(body(aliceOnShared)).isEqualTo("v5");
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

    /** Answers 401 to the credential, and 200 "v<call>" to every other. */
    private static FakeUpstream.Reply rejecting(String credential) {
        return (request, call) ->
                request.headers().first("Authorization").orElse("").equals(credential)
                        ? FakeUpstream.status(401, "WWW-Authenticate", "Basic realm=\"hosp\"")
                        : ok("v" + call);
    }
}
