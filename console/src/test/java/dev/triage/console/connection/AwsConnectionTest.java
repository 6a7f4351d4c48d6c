package dev.triage.console.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.triage.console.overview.CloudWatchLiveSources;
import dev.triage.console.overview.LiveSource;
import dev.triage.console.overview.LiveSources;
import dev.triage.core.aws.context.AwsProblem;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.slo.Slo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an AWS profile as the console does, against STS and ELBv2 speaking their Query/XML
 * protocol (WireMock), reached through the SDK's own endpoint setting (aws.endpointUrl, the
 * in-process twin of AWS_ENDPOINT_URL) with the profile's keys from a config file of its own: the
 * banner's text, from the wire, without JavaFX.
 */
class AwsConnectionTest {

    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String ROLE = "arn:aws:sts::123456789012:assumed-role/ReadOnly/alice";
    private static final List<String> PROPERTIES = List.of(
            "aws.configFile",
            "aws.sharedCredentialsFile",
            "aws.endpointUrl",
            "aws.accessKeyId",
            "aws.secretAccessKey",
            "aws.sessionToken",
            "aws.region");

    @TempDir
    Path dir;

    private final Map<String, String> saved = new HashMap<>();
    private WireMockServer server;

    @BeforeEach
    void start() throws Exception {
        for (String key : PROPERTIES) {
            saved.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        Path config = dir.resolve("config");
        Files.writeString(config, """
                [profile qa]
                region = eu-west-1
                aws_access_key_id = AKIDTRIAGETEST
                aws_secret_access_key = test-secret
                """);
        Files.writeString(dir.resolve("credentials"), "");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty(
                "aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + server.port());
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(xml("""
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <GetCallerIdentityResult>
                            <Arn>%s</Arn>
                            <UserId>AROAEXAMPLEID:alice</UserId>
                            <Account>123456789012</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                        </GetCallerIdentityResponse>
                        """.formatted(ROLE))));
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeLoadBalancers"))
                .willReturn(xml("""
                        <DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                          <DescribeLoadBalancersResult>
                            <LoadBalancers>
                              <member>
                                <LoadBalancerArn>%s</LoadBalancerArn>
                                <DNSName>shop-123.eu-west-1.elb.amazonaws.com</DNSName>
                                <LoadBalancerName>shop</LoadBalancerName>
                                <Scheme>internet-facing</Scheme>
                                <VpcId>vpc-1a2b3c4d</VpcId>
                                <State><Code>active</Code></State>
                                <Type>application</Type>
                              </member>
                            </LoadBalancers>
                          </DescribeLoadBalancersResult>
                          <ResponseMetadata><RequestId>11234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                        </DescribeLoadBalancersResponse>
                        """.formatted(LB_ARN))));
    }

    @AfterEach
    void stop() {
        server.stop();
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void theBannerShowsAccountRegionAndIdentityFromStsAndTheLoadBalancersComeFromElbv2() throws Exception {
        AwsChoice choice = new AwsChoice("qa", null, WritePolicy.Mode.READ_ONLY, null);

        try (Connection aws = Connections.aws(choice, dir.resolve("journal.jsonl"))) {
            Connection.Place place = aws.place();
            assertThat(place.kind()).isEqualTo(Connection.Place.Kind.AWS);
            assertThat(place.title()).isEqualTo("123456789012 / eu-west-1");
            assertThat(place.detail()).isEqualTo(ROLE + "  (profile qa, 1 load balancer)");
            assertThat(place.remembered()).isEqualTo("aws:qa");
            assertThat(aws.writePolicy()).isEqualTo(WritePolicy.of(WritePolicy.Mode.READ_ONLY, "qa"));
            assertThat(aws.loadBalancers().loadBalancers())
                    .extracting(LoadBalancer::name)
                    .containsExactly("shop");
            assertThat(aws.certificates()).isPresent();
            assertThat(aws.fleet().agents()).isEmpty();
            assertThat(aws.security().agents()).isEmpty();
            assertThat(aws.live().choices()).containsExactly(new LiveSources.Choice(LB_ARN, "shop"));
            LiveSource shop = aws.live().open(aws.live().choices().getFirst());
            assertThat(shop.who()).isEqualTo("CloudWatch");
            assertThat(shop.every()).isEqualTo(java.time.Duration.ofSeconds(60));
        }
        server.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity")));
    }

    @Test
    void withoutAnApplicationLoadBalancerTheOverviewIsOfferedNothingAndSaysWhy() throws Exception {
        LiveSources none = new CloudWatchLiveSources(
                query -> {
                    throw new AssertionError("no load balancer to ask CloudWatch about");
                },
                List::of,
                Slo.DEFAULT,
                java.time.Clock.systemUTC());

        assertThat(none.choices()).isEmpty();
        assertThat(none.none()).startsWith("no application load balancer in this region");
    }

    @Test
    void withAFleetFileTheAgentsAreSampledForFailuresAbsorbedUntilTheConnectionCloses() throws Exception {
        Path fleet = dir.resolve("fleet.json");
        Files.writeString(fleet, """
                {"agents": [{"name": "node-1", "role": "node", "admin": "http://127.0.0.1:1", "token": "t"}]}
                """);
        AwsChoice choice = new AwsChoice("qa", null, WritePolicy.Mode.READ_ONLY, fleet);

        try (Connection aws = Connections.aws(choice, dir.resolve("journal.jsonl"))) {
            assertThat(aws.fleet().agents()).extracting(a -> a.name()).containsExactly("node-1");
            assertThat(samplerThreads()).isEqualTo(1);
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> samplerThreads() == 0);
    }

    private static long samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("overview-agents-sampler") && t.isAlive())
                .count();
    }

    @Test
    void anExplicitRegionIsShownAndRemembered() {
        AwsChoice choice = new AwsChoice("qa", "us-east-1", WritePolicy.Mode.NORMAL, null);

        try (Connection aws = Connections.aws(choice, dir.resolve("journal.jsonl"))) {
            assertThat(aws.place().title()).isEqualTo("123456789012 / us-east-1");
            assertThat(aws.place().remembered()).isEqualTo("aws:qa@us-east-1");
        }
    }

    @Test
    void anUnknownProfileFailsWithTheProfilesThereAre() {
        AwsChoice choice = new AwsChoice("nowhere", null, WritePolicy.Mode.NORMAL, null);

        assertThatThrownBy(() -> Connections.aws(choice, dir.resolve("journal.jsonl")))
                .isInstanceOf(AwsProblem.class)
                .hasMessageContaining("no AWS profile 'nowhere'")
                .hasMessageContaining("known: qa");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(body);
    }
}
