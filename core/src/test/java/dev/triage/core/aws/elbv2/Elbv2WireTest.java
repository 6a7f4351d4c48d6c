package dev.triage.core.aws.elbv2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsPlace;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.WeightedTargetGroup;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ELBv2's Query/XML protocol end to end: a real SDK client built by {@link AwsContext} (endpoint override, static
 * keys from the aws.accessKeyId / aws.secretAccessKey system properties, which the default chain reads first) against
 * WireMock answering with responses shaped as ELBv2 documents them.
 */
class Elbv2WireTest {

    private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String LISTENER =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String RULE_10 = LISTENER.replace(":listener/", ":listener-rule/") + "/9683b2d02a6cabee";
    private static final String RULE_DEFAULT = LISTENER.replace(":listener/", ":listener-rule/") + "/0f3b1a7e33c1d2aa";
    private static final String LEGACY =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/73e2d6bc24d8a067";
    private static final String REPLACEMENT =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/replacement/1a2b3c4d5e6f7081";
    private static final List<String> KEYS = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken");

    private static final String PAGE_1 = """
            <DescribeRulesResponse xmlns="%s">
              <DescribeRulesResult>
                <Rules>
                  <member>
                    <IsDefault>false</IsDefault>
                    <Conditions>
                      <member>
                        <Field>path-pattern</Field>
                        <Values><member>/api/*</member></Values>
                        <PathPatternConfig><Values><member>/api/*</member></Values></PathPatternConfig>
                      </member>
                    </Conditions>
                    <Priority>10</Priority>
                    <Actions>
                      <member>
                        <Type>forward</Type>
                        <Order>1</Order>
                        <ForwardConfig>
                          <TargetGroups>
                            <member><TargetGroupArn>%s</TargetGroupArn><Weight>90</Weight></member>
                            <member><TargetGroupArn>%s</TargetGroupArn><Weight>10</Weight></member>
                          </TargetGroups>
                          <TargetGroupStickinessConfig>
                            <Enabled>true</Enabled>
                            <DurationSeconds>300</DurationSeconds>
                          </TargetGroupStickinessConfig>
                        </ForwardConfig>
                      </member>
                    </Actions>
                    <RuleArn>%s</RuleArn>
                  </member>
                </Rules>
                <NextMarker>eyJtYXJrZXIiOiIyIn0=</NextMarker>
              </DescribeRulesResult>
              <ResponseMetadata><RequestId>74926cf3-f3a3-11e5-b543-9f2c3fbb9bee</RequestId></ResponseMetadata>
            </DescribeRulesResponse>
            """.formatted(NS, LEGACY, REPLACEMENT, RULE_10);

    private static final String PAGE_2 = """
            <DescribeRulesResponse xmlns="%s">
              <DescribeRulesResult>
                <Rules>
                  <member>
                    <IsDefault>true</IsDefault>
                    <Conditions/>
                    <Priority>default</Priority>
                    <Actions>
                      <member>
                        <Type>redirect</Type>
                        <Order>1</Order>
                        <RedirectConfig>
                          <Protocol>HTTPS</Protocol>
                          <Port>443</Port>
                          <Host>#{host}</Host>
                          <Path>/#{path}</Path>
                          <Query>#{query}</Query>
                          <StatusCode>HTTP_301</StatusCode>
                        </RedirectConfig>
                      </member>
                    </Actions>
                    <RuleArn>%s</RuleArn>
                  </member>
                </Rules>
              </DescribeRulesResult>
              <ResponseMetadata><RequestId>74926cf3-f3a3-11e5-b543-9f2c3fbb9bef</RequestId></ResponseMetadata>
            </DescribeRulesResponse>
            """.formatted(NS, RULE_DEFAULT);

    private static final String PRIORITY_IN_USE = """
            <ErrorResponse xmlns="%s">
              <Error><Type>Sender</Type><Code>PriorityInUse</Code><Message>Priority '10' is currently in use</Message></Error>
              <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
            </ErrorResponse>
            """.formatted(NS);

    private final Map<String, String> savedProperties = new HashMap<>();
    private WireMockServer server;
    private AwsContext context;
    private Elbv2LoadBalancers elb;

    @BeforeEach
    void start() {
        for (String key : KEYS) {
            savedProperties.put(key, System.getProperty(key));
        }
        System.setProperty("aws.accessKeyId", "AKIDTRIAGETEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.clearProperty("aws.sessionToken");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        context = AwsContext.open(new AwsPlace(null, "eu-west-1", URI.create("http://127.0.0.1:" + server.port())));
        elb = Elbv2LoadBalancers.open(context);
    }

    @AfterEach
    void stop() {
        elb.close();
        context.close();
        server.stop();
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void describeRulesFollowsNextMarkerAndMapsTheQueryXml() {
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeRules"))
                .withRequestBody(notContaining("Marker="))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(PAGE_1)));
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeRules"))
                .withRequestBody(containing("Marker=eyJtYXJrZXIiOiIyIn0%3D"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(PAGE_2)));

        List<Rule> rules = elb.rules(LISTENER);

        assertThat(rules)
                .containsExactly(
                        new Rule(
                                RULE_10,
                                LISTENER,
                                RulePriority.of(10),
                                List.of(PathPattern.of("/api/*")),
                                List.of(new Forward(
                                        List.of(
                                                new WeightedTargetGroup(LEGACY, 90),
                                                new WeightedTargetGroup(REPLACEMENT, 10)),
                                        Duration.ofSeconds(300)))),
                        new Rule(RULE_DEFAULT, LISTENER, RulePriority.DEFAULT, List.of(), List.of(Redirect.toHttps())));
        server.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Version=2015-12-01"))
                        .withRequestBody(containing("PageSize=400"))
                        .withRequestBody(containing("ListenerArn=arn%3Aaws%3Aelasticloadbalancing")));
    }

    @Test
    void priorityInUseOnTheWireBecomesAConflict() {
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=CreateRule"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(PRIORITY_IN_USE)));

        assertThatThrownBy(() -> elb.createRule(
                        LISTENER, RulePriority.of(10), List.of(PathPattern.of("/b")), List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("Priority '10' is currently in use");
        server.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Priority=10"))
                        .withRequestBody(containing("Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight=1"))
                        .withRequestBody(containing("Conditions.member.1.PathPatternConfig.Values.member.1=%2Fb")));
    }
}
