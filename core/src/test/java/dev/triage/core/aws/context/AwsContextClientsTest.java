package dev.triage.core.aws.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;

class AwsContextClientsTest {

    private static final StaticCredentialsProvider TEST_KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIAGETEST", "test-secret"));

    @TempDir
    Path dir;

    @Test
    void clientsOfEveryAdapterGetRegionOverrideAndFiveAttempts() {
        URI endpoint = URI.create("http://127.0.0.1:4566");
        var place = new AwsPlace(null, "eu-north-1", endpoint);

        try (var aws = AwsContext.open(place, ProfileFiles.of(dir, "", ""), () -> null, TEST_KEYS);
                var elb = aws.client(ElasticLoadBalancingV2Client.builder());
                var acm = aws.client(AcmClient.builder());
                var cloudWatch = aws.client(CloudWatchClient.builder());
                var s3 = aws.client(S3Client.builder())) {
            for (AwsServiceClientConfiguration config : List.of(
                    elb.serviceClientConfiguration(),
                    acm.serviceClientConfiguration(),
                    cloudWatch.serviceClientConfiguration(),
                    s3.serviceClientConfiguration())) {
                assertThat(config.region()).isEqualTo(Region.EU_NORTH_1);
                assertThat(config.endpointOverride()).contains(endpoint);
                assertThat(config.overrideConfiguration().retryStrategy())
                        .get()
                        .extracting(RetryStrategy::maxAttempts)
                        .isEqualTo(AwsContext.MAX_ATTEMPTS);
            }
        }
    }
}
