package dev.triage.core.aws.context;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

class AwsContextStsTest {

    private static final StaticCredentialsProvider TEST_KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIAGETEST", "test-secret"));
    private static final AwsRegionProvider NO_CHAIN = () -> null;

    private static final String IDENTITY_XML = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:sts::123456789012:assumed-role/ReadOnly/alice</Arn>
                <UserId>AROAEXAMPLEID:alice</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;

    @TempDir
    Path dir;

    private WireMockServer sts;

    @BeforeEach
    void startSts() {
        sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        sts.start();
    }

    @AfterEach
    void stopSts() {
        sts.stop();
    }

    private URI stsUri() {
        return URI.create("http://127.0.0.1:" + sts.port());
    }

    private AwsContext contextAtWireMock() {
        var place = new AwsPlace(null, "eu-west-1", stsUri());
        return AwsContext.open(place, ProfileFiles.of(dir, "", ""), NO_CHAIN, TEST_KEYS);
    }

    private static String errorXml(String type, String code, String message) {
        return """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                </ErrorResponse>
                """.formatted(type, code, message);
    }

    private void stubIdentity() {
        sts.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(IDENTITY_XML)));
    }

    @Test
    void whoAmIParsesAccountArnAndUserIdFromASignedQueryCall() {
        stubIdentity();

        try (var aws = contextAtWireMock()) {
            assertThat(aws.whoAmI())
                    .isEqualTo(new Identity(
                            "123456789012",
                            "arn:aws:sts::123456789012:assumed-role/ReadOnly/alice",
                            "AROAEXAMPLEID:alice"));
            assertThat(aws.region()).isEqualTo(Region.EU_WEST_1);
        }
        sts.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Version=2011-06-15"))
                        .withHeader(
                                "Authorization",
                                matching(
                                        "AWS4-HMAC-SHA256 Credential=AKIDTRIAGETEST/\\d{8}/eu-west-1/sts/aws4_request.*")));
    }

    @Test
    void accessDeniedIsNotRetriedAndSaysSo() {
        sts.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                errorXml(
                                                        "Sender",
                                                        "AccessDenied",
                                                        "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity"))));

        try (var aws = contextAtWireMock()) {
            assertThatThrownBy(aws::whoAmI)
                    .isInstanceOfSatisfying(
                            AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.ACCESS_DENIED))
                    .hasMessageContaining("access denied: STS GetCallerIdentity is not allowed")
                    .hasMessageContaining("not authorized to perform: sts:GetCallerIdentity");
        }
        sts.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throttlingIsRetriedUntilTheCallSucceeds() {
        String throttled = errorXml("Sender", "Throttling", "Rate exceeded");
        sts.stubFor(post(urlEqualTo("/"))
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withBody(throttled))
                .willSetStateTo("throttled once"));
        sts.stubFor(post(urlEqualTo("/"))
                .inScenario("throttle")
                .whenScenarioStateIs("throttled once")
                .willReturn(aResponse().withStatus(400).withBody(throttled))
                .willSetStateTo("recovered"));
        sts.stubFor(post(urlEqualTo("/"))
                .inScenario("throttle")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(IDENTITY_XML)));

        try (var aws = contextAtWireMock()) {
            assertThat(aws.whoAmI().account()).isEqualTo("123456789012");
        }
        sts.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throttlingThatNeverEndsStopsAfterFiveAttempts() {
        sts.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse().withStatus(400).withBody(errorXml("Sender", "Throttling", "Rate exceeded"))));

        try (var aws = contextAtWireMock()) {
            assertThatThrownBy(aws::whoAmI)
                    .isInstanceOfSatisfying(
                            AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.THROTTLED))
                    .hasMessageContaining("AWS is throttling STS GetCallerIdentity");
        }
        sts.verify(AwsContext.MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void unreachableEndpointSaysWhereAndWhatToCheck() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var place = new AwsPlace(null, "eu-west-1", URI.create("http://127.0.0.1:" + closedPort));

        try (var aws = AwsContext.open(place, ProfileFiles.of(dir, "", ""), NO_CHAIN, TEST_KEYS)) {
            assertThatThrownBy(aws::whoAmI)
                    .isInstanceOfSatisfying(
                            AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.UNREACHABLE))
                    .hasMessageContaining("cannot reach STS at http://127.0.0.1:" + closedPort)
                    .hasMessageContaining("AWS_ENDPOINT_URL_STS");
        }
    }

    @Test
    void profileEndpointUrlIsHonouredWithoutAnOverride() {
        stubIdentity();
        ProfileFile file = ProfileFiles.of(dir, """
                [profile local]
                region = us-west-2
                endpoint_url = %s
                """.formatted(stsUri()), """
                [local]
                aws_access_key_id = AKIDFROMPROFILE
                aws_secret_access_key = profile-secret
                """);

        try (var aws = AwsContext.open(AwsPlace.profile("local"), file, NO_CHAIN, null)) {
            assertThat(aws.region()).isEqualTo(Region.US_WEST_2);
            assertThat(aws.whoAmI().account()).isEqualTo("123456789012");
        }
        sts.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("Authorization", matching(".*Credential=AKIDFROMPROFILE/\\d{8}/us-west-2/sts/.*")));
    }

    @Test
    void explicitOverrideWinsOverTheProfileEndpointUrl() {
        stubIdentity();
        ProfileFile file = ProfileFiles.of(dir, """
                [profile local]
                region = us-west-2
                endpoint_url = http://127.0.0.1:9/never
                """, """
                [local]
                aws_access_key_id = AKIDFROMPROFILE
                aws_secret_access_key = profile-secret
                """);

        try (var aws = AwsContext.open(new AwsPlace("local", null, stsUri()), file, NO_CHAIN, null)) {
            assertThat(aws.whoAmI().userId()).isEqualTo("AROAEXAMPLEID:alice");
        }
        sts.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void profileWithoutCredentialsSaysHowToLogIn() {
        ProfileFile file = ProfileFiles.of(dir, """
                [profile empty]
                region = eu-west-1
                """, "");

        try (var aws = AwsContext.open(new AwsPlace("empty", null, stsUri()), file, NO_CHAIN, null)) {
            assertThatThrownBy(aws::whoAmI)
                    .isInstanceOfSatisfying(
                            AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.NO_CREDENTIALS))
                    .hasMessageContaining("no AWS credentials for profile empty")
                    .hasMessageContaining("aws sso login --profile empty");
        }
        sts.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void ssoProfileWithoutACachedTokenSaysToLogInAgain() {
        String session = "triage-test-" + UUID.randomUUID();
        ProfileFile file = ProfileFiles.of(dir, """
                [profile corp]
                sso_session = %s
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                region = eu-west-1

                [sso-session %s]
                sso_start_url = https://triage-test.awsapps.com/start
                sso_region = eu-west-1
                """.formatted(session, session), "");

        try (var aws = AwsContext.open(new AwsPlace("corp", null, stsUri()), file, NO_CHAIN, null)) {
            assertThatThrownBy(aws::whoAmI)
                    .isInstanceOfSatisfying(
                            AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.EXPIRED_CREDENTIALS))
                    .hasMessageContaining("SSO session of profile corp")
                    .hasMessageEndingWith("run `aws sso login --profile corp`");
        }
        sts.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        ProfileFile file = ProfileFiles.of(dir, "[profile a]\nregion = eu-west-1\n[profile b]\n", "");

        assertThatThrownBy(() -> AwsContext.open(AwsPlace.profile("c"), file, NO_CHAIN, null))
                .isInstanceOfSatisfying(
                        AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.UNKNOWN_PROFILE))
                .hasMessageContaining("no AWS profile 'c'")
                .hasMessageContaining("known: a, b");
    }
}
