package dev.triage.core.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.LoadBalancerAttributes.AccessLogging;
import dev.triage.core.domain.LoadBalancerAttributes.DesyncMitigationMode;
import dev.triage.core.domain.LoadBalancerAttributes.Setting;
import dev.triage.core.security.PostureCheck;
import dev.triage.core.security.PostureChecks;
import dev.triage.core.security.PostureResult;
import dev.triage.core.security.PostureResult.Outcome;
import dev.triage.core.security.Remediation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

/** DescribeLoadBalancerAttributes through the adapter, and the posture checks over ELBv2 (the SDK client fake). */
class Elbv2AttributesAndPostureTest {

    private static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";

    private FakeElbv2 aws;
    private Elbv2LoadBalancers adapter;
    private String lb;
    private String tg;

    @BeforeEach
    void seed() {
        aws = new FakeElbv2();
        lb = aws.addLoadBalancer("hosp", LoadBalancerTypeEnum.APPLICATION);
        tg = aws.addTargetGroup("legacy", lb, false);
        adapter = Elbv2LoadBalancers.over(aws);
    }

    private void modify(String key, String value) {
        aws.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(lb)
                .attributes(
                        LoadBalancerAttribute.builder().key(key).value(value).build()));
    }

    private List<PostureResult> run(PostureCheck check) {
        return PostureChecks.over(adapter).build().run().stream()
                .filter(r -> r.check() == check)
                .toList();
    }

    // ------------------------------------------------------------------ attributes

    @Test
    void aNewLoadBalancerReadsAsAwsDocumentsItsDefaults() {
        LoadBalancerAttributes attributes = adapter.loadBalancerAttributes(lb);

        assertThat(aws.calls).containsExactly("DescribeLoadBalancerAttributes");
        assertThat(attributes.loadBalancerArn()).isEqualTo(lb);
        assertThat(attributes.deletionProtection()).isEqualTo(Setting.known(false));
        assertThat(attributes.idleTimeout()).isEqualTo(Setting.known(Duration.ofSeconds(60)));
        assertThat(attributes.dropInvalidHeaderFields()).isEqualTo(Setting.known(false));
        assertThat(attributes.desyncMitigationMode()).isEqualTo(Setting.known(DesyncMitigationMode.DEFENSIVE));
        assertThat(attributes.accessLogs()).isEqualTo(Setting.known(new AccessLogging(false, null)));
        assertThat(attributes.tlsVersionAndCipherSuiteHeaders()).isEqualTo(Setting.known(false));
        assertThat(attributes.http2()).isEqualTo(Setting.known(true));
        assertThat(attributes.wafFailOpen()).isEqualTo(Setting.known(false));
        assertThat(attributes.raw()).isEqualTo(LoadBalancerAttributes.ELBV2_DEFAULTS);
    }

    @Test
    void modifiedAttributesReadBack() {
        modify("access_logs.s3.bucket", "hosp-logs");
        modify("access_logs.s3.prefix", "edge");
        modify("access_logs.s3.enabled", "true");
        modify("routing.http.desync_mitigation_mode", "strictest");
        modify("idle_timeout.timeout_seconds", "4000");

        LoadBalancerAttributes attributes = adapter.loadBalancerAttributes(lb);

        assertThat(attributes.accessLogs()).isEqualTo(Setting.known(new AccessLogging(true, "s3://hosp-logs/edge")));
        assertThat(attributes.desyncMitigationMode()).isEqualTo(Setting.known(DesyncMitigationMode.STRICTEST));
        assertThat(attributes.idleTimeout()).isEqualTo(Setting.known(Duration.ofSeconds(4000)));
    }

    @Test
    void theFakeRefusesWhatElbv2Refuses() {
        assertThatThrownBy(() -> modify("routing.http.desync_mitigation_mode", "paranoid"))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class)
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> modify("idle_timeout.timeout_seconds", "4001"))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class);
        assertThatThrownBy(() -> modify("no.such.key", "true"))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class)
                .hasMessageContaining("not recognized");
        assertThatThrownBy(() -> modify("access_logs.s3.enabled", "true"))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class)
                .hasMessageContaining("bucket");
        assertThat(adapter.loadBalancerAttributes(lb).raw()).isEqualTo(LoadBalancerAttributes.ELBV2_DEFAULTS);
    }

    @Test
    void aKeyElbv2DidNotReturnIsNotReportedNeverGuessed() {
        aws.forgetAttribute(lb, "routing.http.drop_invalid_header_fields.enabled");
        aws.putAttribute(lb, "routing.http.desync_mitigation_mode", "future-mode");

        LoadBalancerAttributes attributes = adapter.loadBalancerAttributes(lb);

        assertThat(attributes.dropInvalidHeaderFields()).isInstanceOf(Setting.NotReported.class);
        assertThat(attributes.desyncMitigationMode())
                .isEqualTo(Setting.notReported(
                        "routing.http.desync_mitigation_mode: 'future-mode' is not a documented value"));
    }

    @Test
    void anUnknownLoadBalancerIsNotFoundAndDenialIsDenied() {
        assertThatThrownBy(() -> adapter.loadBalancerAttributes(lb + "0"))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining(lb + "0");
        aws.failNext("AccessDenied");
        assertThatThrownBy(() -> adapter.loadBalancerAttributes(lb)).isInstanceOf(CoreException.Denied.class);
    }

    // ------------------------------------------------------------------ posture over ELBv2

    @Test
    void defaultsFailTwoAttributeChecksAndHardeningMakesThemPass() {
        assertThat(run(PostureCheck.INVALID_HEADERS_NOT_DROPPED).getFirst().outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(run(PostureCheck.ACCESS_LOGS_OFF).getFirst().outcome()).isEqualTo(Outcome.FAIL);
        assertThat(run(PostureCheck.DESYNC_MITIGATION_WEAK).getFirst().outcome())
                .isEqualTo(Outcome.PASS);

        modify("routing.http.drop_invalid_header_fields.enabled", "true");
        modify("access_logs.s3.bucket", "hosp-logs");
        modify("access_logs.s3.enabled", "true");
        modify("routing.http.desync_mitigation_mode", "monitor");

        assertThat(run(PostureCheck.INVALID_HEADERS_NOT_DROPPED).getFirst().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(run(PostureCheck.ACCESS_LOGS_OFF).getFirst().outcome()).isEqualTo(Outcome.PASS);
        PostureResult desync = run(PostureCheck.DESYNC_MITIGATION_WEAK).getFirst();
        assertThat(desync.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(desync.fix().parameters())
                .containsEntry(Remediation.ATTRIBUTE, "routing.http.desync_mitigation_mode")
                .containsEntry(Remediation.VALUE, "defensive");
    }

    @Test
    void httpsListenerOnTheOldDefaultPolicyAndAForwardingHttpListenerFail() {
        String http = aws.addHttpListener(lb, 80, tg);
        String https = aws.addHttpsListener(lb, 443, CERT, "ELBSecurityPolicy-2016-08", FakeElbv2.forward(tg));

        PostureResult policy = run(PostureCheck.SSL_POLICY_NOT_CURRENT).getFirst();
        assertThat(policy.resource()).isEqualTo(https);
        assertThat(policy.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(policy.reason()).contains("allows TLS 1.0 or 1.1");
        assertThat(policy.fix().parameters())
                .containsEntry(Remediation.SSL_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06");

        PostureResult redirect = run(PostureCheck.HTTP_WITHOUT_REDIRECT).getFirst();
        assertThat(redirect.resource()).isEqualTo(http);
        assertThat(redirect.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(redirect.fix().parameters()).containsEntry(Remediation.HTTPS_PORT, "443");

        assertThat(run(PostureCheck.CERTIFICATE_EXPIRING).getFirst().outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void currentPolicyAndARedirectingHttpListenerPass() {
        String http = aws.addHttpListener(lb, 80, tg);
        aws.addHttpsListener(lb, 443, CERT, "ELBSecurityPolicy-TLS13-1-2-2021-06", FakeElbv2.forward(tg));
        aws.modifyListener(b -> b.listenerArn(http)
                .defaultActions(Action.builder()
                        .type(ActionTypeEnum.REDIRECT)
                        .order(1)
                        .redirectConfig(RedirectActionConfig.builder()
                                .protocol("HTTPS")
                                .port("443")
                                .host("#{host}")
                                .path("/#{path}")
                                .query("#{query}")
                                .statusCode(RedirectActionStatusCodeEnum.HTTP_301)
                                .build())
                        .build()));

        assertThat(run(PostureCheck.SSL_POLICY_NOT_CURRENT).getFirst().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(run(PostureCheck.HTTP_WITHOUT_REDIRECT).getFirst().outcome()).isEqualTo(Outcome.PASS);
        assertThat(run(PostureCheck.CDN_HEADER_NOT_REQUIRED))
                .extracting(PostureResult::outcome)
                .containsExactly(Outcome.PASS, Outcome.FAIL); // HTTP forwards nothing; HTTPS forwards to all
        assertThat(Map.of("listeners", adapter.listeners(lb).size())).containsEntry("listeners", 2);
    }
}
