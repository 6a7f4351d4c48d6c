package dev.triage.core.aws.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class ProblemsTest {

    private static AwsServiceException serviceError(int status, String code, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Sts")
                        .build())
                .build();
    }

    @Test
    void unresolvableHostInARegionTheSdkDoesNotKnowIsAnUnknownRegion() {
        var problems = new Problems(AwsPlace.defaults().withRegion("xx-nowhere-1"), Region.of("xx-nowhere-1"), false);
        var e = SdkClientException.create(
                "Unable to execute HTTP request", new UnknownHostException("sts.xx-nowhere-1.amazonaws.com"));

        var problem = problems.translate("STS", "GetCallerIdentity", e);

        assertThat(problem.kind()).isEqualTo(AwsProblem.Kind.UNKNOWN_REGION);
        assertThat(problem.getMessage()).contains("unknown AWS region 'xx-nowhere-1'", "--region");
    }

    @Test
    void unresolvableHostInAKnownRegionIsUnreachable() {
        var problems = new Problems(AwsPlace.defaults(), Region.EU_WEST_1, false);
        var e = SdkClientException.create(
                "Unable to execute HTTP request", new UnknownHostException("sts.eu-west-1.amazonaws.com"));

        var problem = problems.translate("STS", "GetCallerIdentity", e);

        assertThat(problem.kind()).isEqualTo(AwsProblem.Kind.UNREACHABLE);
        assertThat(problem.getMessage())
                .contains("cannot reach STS in region eu-west-1", "sts.eu-west-1.amazonaws.com");
    }

    @Test
    void expiredSessionTokenSaysToLogInAgain() {
        var problems = new Problems(AwsPlace.profile("prod"), Region.EU_WEST_1, true);

        var problem = problems.translate(
                "STS",
                "GetCallerIdentity",
                serviceError(400, "ExpiredToken", "The security token included in the request is expired"));

        assertThat(problem.kind()).isEqualTo(AwsProblem.Kind.EXPIRED_CREDENTIALS);
        assertThat(problem.getMessage())
                .isEqualTo("the AWS credentials of profile prod have expired: run `aws sso login --profile prod`");
    }

    @Test
    void ssoTokenProviderMessageIsAnExpiredSession() {
        var problems = new Problems(AwsPlace.profile("prod"), Region.EU_WEST_1, true);
        var e = SdkClientException.create(
                "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO"
                        + " session run aws sso login with the corresponding profile.");

        assertThat(problems.translate("STS", "GetCallerIdentity", e).kind())
                .isEqualTo(AwsProblem.Kind.EXPIRED_CREDENTIALS);
    }

    @Test
    void invalidKeysNameTheCodeAndTheFix() {
        var problems = new Problems(AwsPlace.profile("old"), Region.EU_WEST_1, false);

        var problem = problems.translate(
                "STS",
                "GetCallerIdentity",
                serviceError(403, "InvalidClientTokenId", "The security token included in the request is invalid."));

        assertThat(problem.kind()).isEqualTo(AwsProblem.Kind.INVALID_CREDENTIALS);
        assertThat(problem.getMessage()).contains("InvalidClientTokenId", "aws configure --profile old");
    }

    @Test
    void otherServiceErrorsKeepCodeStatusAndMessage() {
        var problems = new Problems(
                new AwsPlace(null, "eu-west-1", URI.create("http://127.0.0.1:1")), Region.EU_WEST_1, false);

        var problem = problems.translate(
                "ELBv2", "DescribeRules", serviceError(400, "ListenerNotFound", "One or more listeners not found"));

        assertThat(problem.kind()).isEqualTo(AwsProblem.Kind.SERVICE_ERROR);
        assertThat(problem.getMessage())
                .isEqualTo("ELBv2 DescribeRules failed: ListenerNotFound (HTTP 400): One or more listeners not found");
    }
}
