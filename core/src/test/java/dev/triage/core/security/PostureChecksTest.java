package dev.triage.core.security;

import static dev.triage.core.domain.Samples.CERT;
import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LB;
import static dev.triage.core.domain.Samples.LEGACY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.PemImport;
import dev.triage.core.security.PostureResult.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each posture check's failing and passing setup, on the in-memory load balancers. */
class PostureChecksTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String OLD_POLICY = "ELBSecurityPolicy-2016-08";
    static final String TLS12_ONLY = "ELBSecurityPolicy-TLS-1-2-2017-01";
    static final String STRONG_TOKEN = "q9Zt3VbX1kR7wYpLm2Hc8NfJ4sDgA6eU0oTiKxQyWvBnM5rE"; // 48 chars, made up

    private InMemoryLoadBalancers lbs;
    private FakeCertificates certs;

    @BeforeEach
    void seed() {
        lbs = new InMemoryLoadBalancers()
                .add(Samples.loadBalancer())
                .add(Samples.targetGroup(LEGACY, "legacy", false))
                .add(new SslPolicy(Samples.POLICY, List.of("TLSv1.2", "TLSv1.3"), List.of()))
                .add(new SslPolicy(OLD_POLICY, List.of("TLSv1", "TLSv1.1", "TLSv1.2"), List.of()))
                .add(new SslPolicy(TLS12_ONLY, List.of("TLSv1.2"), List.of()))
                .add(Samples.httpListener());
        certs = new FakeCertificates();
        certs.put(CERT, NOW.plus(Duration.ofDays(200)), Certificate.Status.ISSUED);
    }

    private PostureChecks checks() {
        return PostureChecks.over(lbs)
                .certificates(certs)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    private List<PostureResult> run(PostureCheck check) {
        return checks().run().stream().filter(r -> r.check() == check).toList();
    }

    private PostureResult only(PostureCheck check) {
        List<PostureResult> results = run(check);
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    private Listener addHttps(String policy) {
        return lbs.createHttpsListener(LB, 443, List.of(CERT), policy, List.of(Forward.to(LEGACY)));
    }

    // ------------------------------------------------------------------ HTTP without redirect

    @Test
    void httpListenerThatForwardsFailsWithARedirectFixToTheHttpsPort() {
        addHttps(Samples.POLICY);

        PostureResult result = only(PostureCheck.HTTP_WITHOUT_REDIRECT);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.resource()).isEqualTo(HTTP_LISTENER);
        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.reason()).contains("listener HTTP:80 serves plain HTTP (the default rule forward");
        assertThat(result.fix().kind()).isEqualTo(Remediation.Kind.REDIRECT_HTTP_TO_HTTPS);
        assertThat(result.fix().parameters())
                .containsExactly(
                        Map.entry(Remediation.LISTENER, HTTP_LISTENER), Map.entry(Remediation.HTTPS_PORT, "443"));
    }

    @Test
    void httpListenerWithoutAnHttpsListenerFailsWithoutAFix() {
        PostureResult result = only(PostureCheck.HTTP_WITHOUT_REDIRECT);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.reason()).contains("no HTTPS listener to redirect to");
        assertThat(result.fix()).isNull();
    }

    @Test
    void httpListenerWhoseRuleStillForwardsFailsEvenIfTheDefaultRedirects() {
        addHttps(Samples.POLICY);
        lbs.modifyListener(HTTP_LISTENER, List.of(Redirect.toHttps()), null, null);
        lbs.createRule(
                HTTP_LISTENER, RulePriority.of(5), List.of(PathPattern.of("/notes*")), List.of(Forward.to(LEGACY)));

        PostureResult result = only(PostureCheck.HTTP_WITHOUT_REDIRECT);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.reason()).contains("rule 5");
    }

    @Test
    void httpListenerThatRedirectsEverythingPasses() {
        addHttps(Samples.POLICY);
        lbs.modifyListener(HTTP_LISTENER, List.of(Redirect.toHttps()), null, null);

        PostureResult result = only(PostureCheck.HTTP_WITHOUT_REDIRECT);

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        assertThat(result.fix()).isNull();
    }

    // ------------------------------------------------------------------ SSL policy

    @Test
    void policyAllowingTls10IsCriticalAndTheFixProposesACurrentPolicyOnOffer() {
        Listener https = addHttps(OLD_POLICY);

        PostureResult result = only(PostureCheck.SSL_POLICY_NOT_CURRENT);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.resource()).isEqualTo(https.arn());
        assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(result.reason())
                .isEqualTo("listener HTTPS:443 uses " + OLD_POLICY + ", which allows TLS 1.0 or 1.1");
        assertThat(result.fix().kind()).isEqualTo(Remediation.Kind.SET_SSL_POLICY);
        assertThat(result.fix().parameters()).containsEntry(Remediation.SSL_POLICY, Samples.POLICY);
    }

    @Test
    void tls12OnlyPolicyIsAWarning() {
        addHttps(TLS12_ONLY);

        PostureResult result = only(PostureCheck.SSL_POLICY_NOT_CURRENT);

        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.reason()).contains("not one of the current TLS 1.3 policies");
    }

    @Test
    void tls13PolicyThatStillAllowsTls10IsCriticalByItsName() {
        lbs.add(new SslPolicy("ELBSecurityPolicy-TLS13-1-0-2021-06", List.of(), List.of()));
        addHttps("ELBSecurityPolicy-TLS13-1-0-2021-06");

        assertThat(only(PostureCheck.SSL_POLICY_NOT_CURRENT).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void currentTls13PolicyPasses() {
        addHttps(Samples.POLICY);

        assertThat(only(PostureCheck.SSL_POLICY_NOT_CURRENT).outcome()).isEqualTo(Outcome.PASS);
    }

    // ------------------------------------------------------------------ certificates

    @Test
    void certificateExpiringIn20DaysIsAWarningWithAReplaceFix() {
        Listener https = addHttps(Samples.POLICY);
        certs.put(CERT, NOW.plus(Duration.ofDays(20)), Certificate.Status.ISSUED);

        PostureResult result = only(PostureCheck.CERTIFICATE_EXPIRING);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.resource()).isEqualTo(CERT);
        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.reason()).contains("expires in 20 days");
        assertThat(result.fix().kind()).isEqualTo(Remediation.Kind.REPLACE_CERTIFICATE);
        assertThat(result.fix().parameters())
                .containsEntry(Remediation.LISTENER, https.arn())
                .containsEntry(Remediation.CERTIFICATE, CERT);
    }

    @Test
    void certificateExpiringWithinAWeekOrExpiredIsCritical() {
        addHttps(Samples.POLICY);
        certs.put(CERT, NOW.plus(Duration.ofDays(3)), Certificate.Status.ISSUED);
        assertThat(only(PostureCheck.CERTIFICATE_EXPIRING).severity()).isEqualTo(Severity.CRITICAL);

        certs.put(CERT, NOW.minus(Duration.ofDays(1)), Certificate.Status.ISSUED);
        PostureResult expired = only(PostureCheck.CERTIFICATE_EXPIRING);
        assertThat(expired.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(expired.reason()).contains("expired");
    }

    @Test
    void certificateValidFor30DaysOrMorePasses() {
        addHttps(Samples.POLICY);
        certs.put(CERT, NOW.plus(Duration.ofDays(30)), Certificate.Status.ISSUED);

        PostureResult result = only(PostureCheck.CERTIFICATE_EXPIRING);

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        assertThat(result.reason()).contains("30 more days");
    }

    @Test
    void certificateTheStoreCannotDescribeIsUnknownAndTheOtherChecksStillRun() {
        addHttps(Samples.POLICY);
        certs.failing = new CoreException.Denied("DescribeCertificate", "no acm:DescribeCertificate", null);

        List<PostureResult> results = checks().run();

        assertThat(results)
                .filteredOn(r -> r.check() == PostureCheck.CERTIFICATE_EXPIRING)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
                    assertThat(r.reason()).contains("not allowed to DescribeCertificate");
                });
        assertThat(results).anyMatch(r -> r.check() == PostureCheck.SSL_POLICY_NOT_CURRENT);
    }

    @Test
    void withoutACertificateStoreExpiryIsUnknown() {
        addHttps(Samples.POLICY);

        PostureResult result = PostureChecks.over(lbs).build().run().stream()
                .filter(r -> r.check() == PostureCheck.CERTIFICATE_EXPIRING)
                .findFirst()
                .orElseThrow();

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    // ------------------------------------------------------------------ CDN header

    @Test
    void listenerForwardingWithoutTheCdnHeaderIsCriticalOnAnInternetFacingLoadBalancer() {
        var notes = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/notes*")), List.of(Forward.to(LEGACY)));

        PostureResult result = only(PostureCheck.CDN_HEADER_NOT_REQUIRED);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(result.reason())
                .isEqualTo("listener HTTP:80 forwards requests without X-Origin-Verify (rule 10, the default rule),"
                        + " so clients can bypass the CDN");
        assertThat(result.fix().kind()).isEqualTo(Remediation.Kind.REQUIRE_HEADER);
        assertThat(result.fix().parameters())
                .containsEntry(Remediation.HEADER, "X-Origin-Verify")
                .containsEntry(Remediation.RULES, notes.arn() + "," + HTTP_LISTENER + "/default");
    }

    @Test
    void headerRuleInFrontOfAFixed403DefaultPassesWhateverTheCaseOfTheName() {
        lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(1),
                List.of(new HttpHeader("x-origin-verify", List.of("s3cr3t"))),
                List.of(Forward.to(LEGACY)));
        lbs.modifyListener(HTTP_LISTENER, List.of(new FixedResponse(403, "text/plain", "Forbidden")), null, null);

        PostureResult result = only(PostureCheck.CDN_HEADER_NOT_REQUIRED);

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aRuleRequiringAnotherHeaderDoesNotCount() {
        lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(1),
                List.of(new HttpHeader("X-Forwarded-Host", List.of("hosp.example"))),
                List.of(Forward.to(LEGACY)));
        lbs.modifyListener(HTTP_LISTENER, List.of(new FixedResponse(403, null, null)), null, null);

        assertThat(only(PostureCheck.CDN_HEADER_NOT_REQUIRED).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void theHeaderNameIsASetting() {
        lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(1),
                List.of(new HttpHeader("X-CDN-Secret", List.of("s3cr3t"))),
                List.of(Forward.to(LEGACY)));
        lbs.modifyListener(HTTP_LISTENER, List.of(new FixedResponse(403, null, null)), null, null);

        PostureResult result =
                PostureChecks.over(lbs)
                        .settings(PostureSettings.defaults().withCdnHeader("X-CDN-Secret"))
                        .build()
                        .run()
                        .stream()
                        .filter(r -> r.check() == PostureCheck.CDN_HEADER_NOT_REQUIRED)
                        .findFirst()
                        .orElseThrow();

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aGateRequiringTheHeaderCountsForItsRule() {
        lbs.modifyListener(HTTP_LISTENER, List.of(new FixedResponse(403, null, null)), null, null);
        var notes = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(10), List.of(PathPattern.of("/notes*")), List.of(Forward.to(LEGACY)));
        HeaderGates gates = listener -> Map.of(notes.arn(), "X-Origin-Verify");

        PostureResult result = PostureChecks.over(lbs).gates(gates).build().run().stream()
                .filter(r -> r.check() == PostureCheck.CDN_HEADER_NOT_REQUIRED)
                .findFirst()
                .orElseThrow();

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void internalLoadBalancerWithoutTheHeaderIsOnlyAWarning() {
        LoadBalancer internal = Samples.loadBalancer();
        lbs.add(new LoadBalancer(
                internal.arn(),
                internal.name(),
                internal.dnsName(),
                LoadBalancer.Scheme.INTERNAL,
                internal.type(),
                internal.vpcId(),
                internal.state(),
                internal.place()));

        assertThat(only(PostureCheck.CDN_HEADER_NOT_REQUIRED).severity()).isEqualTo(Severity.WARNING);
    }

    // ------------------------------------------------------------------ attributes

    @Test
    void awsDefaultsFailDropInvalidHeadersAndAccessLogsButPassDesync() {
        assertThat(lbs.loadBalancerAttributes(LB).raw()).isEqualTo(LoadBalancerAttributes.ELBV2_DEFAULTS);

        PostureResult drop = only(PostureCheck.INVALID_HEADERS_NOT_DROPPED);
        assertThat(drop.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(drop.fix().kind()).isEqualTo(Remediation.Kind.SET_ATTRIBUTE);
        assertThat(drop.fix().parameters())
                .containsExactly(
                        Map.entry(Remediation.LOAD_BALANCER, LB),
                        Map.entry(Remediation.ATTRIBUTE, "routing.http.drop_invalid_header_fields.enabled"),
                        Map.entry(Remediation.VALUE, "true"));

        PostureResult logs = only(PostureCheck.ACCESS_LOGS_OFF);
        assertThat(logs.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(logs.fix().kind()).isEqualTo(Remediation.Kind.ENABLE_ACCESS_LOGS);
        assertThat(logs.fix().parameters()).containsExactly(Map.entry(Remediation.LOAD_BALANCER, LB));

        PostureResult desync = only(PostureCheck.DESYNC_MITIGATION_WEAK);
        assertThat(desync.outcome()).isEqualTo(Outcome.PASS);
        assertThat(desync.reason()).contains("defensive");
    }

    @Test
    void hardenedAttributesPass() {
        lbs.setAttributes(
                LB,
                Map.of(
                        LoadBalancerAttributes.DROP_INVALID_HEADER_FIELDS, "true",
                        LoadBalancerAttributes.ACCESS_LOGS_ENABLED, "true",
                        LoadBalancerAttributes.ACCESS_LOGS_BUCKET, "hosp-logs",
                        LoadBalancerAttributes.ACCESS_LOGS_PREFIX, "alb",
                        LoadBalancerAttributes.DESYNC_MITIGATION_MODE, "strictest"));

        assertThat(only(PostureCheck.INVALID_HEADERS_NOT_DROPPED).outcome()).isEqualTo(Outcome.PASS);
        assertThat(only(PostureCheck.ACCESS_LOGS_OFF).reason()).endsWith("to s3://hosp-logs/alb");
        assertThat(only(PostureCheck.DESYNC_MITIGATION_WEAK).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void monitorDesyncModeFailsWithAFixToDefensive() {
        lbs.setAttributes(LB, Map.of(LoadBalancerAttributes.DESYNC_MITIGATION_MODE, "monitor"));

        PostureResult result = only(PostureCheck.DESYNC_MITIGATION_WEAK);

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.fix().parameters()).containsEntry(Remediation.VALUE, "defensive");
    }

    @Test
    void undocumentedOrMissingAttributeValuesAreUnknownNotGuessed() {
        lbs.setAttributes(LB, Map.of(LoadBalancerAttributes.DESYNC_MITIGATION_MODE, "paranoid"));
        Map<String, String> without =
                new HashMap<>(lbs.loadBalancerAttributes(LB).raw());
        without.remove(LoadBalancerAttributes.DROP_INVALID_HEADER_FIELDS);
        lbs.setAttributes(LoadBalancerAttributes.fromElbv2(LB, without));

        PostureResult desync = only(PostureCheck.DESYNC_MITIGATION_WEAK);
        assertThat(desync.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(desync.reason()).contains("'paranoid' is not a documented value");
        PostureResult drop = only(PostureCheck.INVALID_HEADERS_NOT_DROPPED);
        assertThat(drop.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(drop.reason()).contains("was not reported");
    }

    @Test
    void attributesThatCannotBeReadAreUnknownForTheirChecksOnly() {
        lbs.failNext(
                "DescribeLoadBalancerAttributes",
                new CoreException.Denied("DescribeLoadBalancerAttributes", null, null));

        List<PostureResult> results = checks().run();

        assertThat(results)
                .filteredOn(r -> r.check() == PostureCheck.ACCESS_LOGS_OFF)
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN));
        assertThat(results)
                .filteredOn(r -> r.check() == PostureCheck.HTTP_WITHOUT_REDIRECT)
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
    }

    // ------------------------------------------------------------------ agent tokens

    @Test
    void weakAgentTokensFailWithoutTheTokenInAnyResult() {
        List<FleetAgent> fleet = List.of(
                agent("short", "http://127.0.0.1:9901", "edge-token-1234"),
                agent("pattern", "http://127.0.0.1:9902", "abXYabXYabXYabXYabXYabXYabXYabXYabXY"),
                agent("word", "http://127.0.0.1:9903", "Zq8-Passw0rd-h7Kx2mPv9sLd3Rt6Wy4Nb1Gf"),
                agent("strong", "http://127.0.0.1:9904", STRONG_TOKEN));

        List<PostureResult> results =
                PostureChecks.over(lbs).agents(fleet).build().agentTokens();

        assertThat(results).extracting(PostureResult::resource).containsExactly("short", "pattern", "word", "strong");
        assertThat(results)
                .extracting(PostureResult::outcome)
                .containsExactly(Outcome.FAIL, Outcome.FAIL, Outcome.FAIL, Outcome.PASS);
        assertThat(results.get(0).reason()).contains("15 characters (expected: at least 32)");
        assertThat(results.get(1).reason()).contains("repeats a 4-character pattern");
        assertThat(results.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(results.get(0).fix().kind()).isEqualTo(Remediation.Kind.ROTATE_AGENT_TOKEN);
        assertThat(results.get(0).fix().parameters()).containsExactly(Map.entry(Remediation.AGENT, "short"));
        for (PostureResult result : results) {
            assertThat(result.toString())
                    .doesNotContain("edge-token-1234")
                    .doesNotContain("abXYabXY")
                    .doesNotContain("Passw0rd")
                    .doesNotContain(STRONG_TOKEN);
        }
    }

    @Test
    void strongTokenOverPlainHttpToAnotherHostIsAWarning() {
        List<PostureResult> results = PostureChecks.over(lbs)
                .agents(List.of(
                        agent("remote", "http://10.0.1.5:9901", STRONG_TOKEN),
                        agent("tls", "https://10.0.1.6:9901", STRONG_TOKEN),
                        agent("v6-loopback", "http://[::1]:9901", STRONG_TOKEN)))
                .build()
                .agentTokens();

        assertThat(results)
                .extracting(PostureResult::outcome)
                .containsExactly(Outcome.FAIL, Outcome.PASS, Outcome.PASS);
        assertThat(results.getFirst().severity()).isEqualTo(Severity.WARNING);
        assertThat(results.getFirst().reason()).contains("plain HTTP on 10.0.1.5:9901");
    }

    // ------------------------------------------------------------------ whole run

    @Test
    void failuresListsTheMostSevereFirst() {
        addHttps(OLD_POLICY);

        List<PostureResult> failures = PostureChecks.failures(checks().run());

        assertThat(failures).isNotEmpty().allMatch(PostureResult::failed);
        assertThat(failures.getFirst().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(failures.getLast().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aListenerOfAnotherProtocolIsNotCheckedForRedirects() {
        addHttps(Samples.POLICY);
        assertThat(run(PostureCheck.HTTP_WITHOUT_REDIRECT))
                .extracting(PostureResult::resource)
                .containsExactly(HTTP_LISTENER);
        assertThat(run(PostureCheck.CDN_HEADER_NOT_REQUIRED)).hasSize(2);
        assertThat(lbs.listeners(LB)).extracting(Listener::protocol).contains(Protocol.HTTPS);
    }

    static FleetAgent agent(String name, String admin, String token) {
        return new FleetAgent("node", new AgentEndpoint(name, URI.create(admin), token));
    }

    /** Certificates by ARN, with a settable failure. */
    static final class FakeCertificates implements Certificates {
        private final Map<String, Certificate> byArn = new HashMap<>();
        CoreException failing;

        void put(String arn, Instant notAfter, Certificate.Status status) {
            byArn.put(arn, new Certificate(arn, "hosp.example", List.of(), notAfter, status, List.of()));
        }

        @Override
        public List<Certificate> certificates() {
            return List.copyOf(byArn.values());
        }

        @Override
        public Certificate describe(String certificateArn) {
            if (failing != null) {
                throw failing;
            }
            Certificate certificate = byArn.get(certificateArn);
            if (certificate == null) {
                throw new CoreException.NotFound("certificate", certificateArn);
            }
            return certificate;
        }

        @Override
        public Certificate importPem(PemImport pem) {
            throw new CoreException.Invalid("import", List.of("not in this fake"));
        }
    }
}
