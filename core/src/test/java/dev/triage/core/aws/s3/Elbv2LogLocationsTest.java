package dev.triage.core.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.aws.s3.S3AccessLogs.Location;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

class Elbv2LogLocationsTest {

    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";

    /** DescribeLoadBalancerAttributes of one load balancer; any other ARN is LoadBalancerNotFound, as ELBv2 says. */
    private static ElasticLoadBalancingV2Client elbv2(Map<String, String> attributes) {
        return new ElasticLoadBalancingV2Client() {
            @Override
            public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
                    DescribeLoadBalancerAttributesRequest request) {
                if (!LB_ARN.equals(request.loadBalancerArn())) {
                    throw (ElasticLoadBalancingV2Exception) ElasticLoadBalancingV2Exception.builder()
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("LoadBalancerNotFound")
                                    .errorMessage("One or more load balancers not found")
                                    .build())
                            .statusCode(400)
                            .build();
                }
                List<LoadBalancerAttribute> list = attributes.entrySet().stream()
                        .map(e -> LoadBalancerAttribute.builder()
                                .key(e.getKey())
                                .value(e.getValue())
                                .build())
                        .toList();
                return DescribeLoadBalancerAttributesResponse.builder()
                        .attributes(list)
                        .build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void readsTheBucketAndPrefixFromTheAccessLogAttributes() {
        var locations = new Elbv2LogLocations(
                elbv2(Map.of(
                        "access_logs.s3.enabled", "true",
                        "access_logs.s3.bucket", "shop-alb-logs",
                        "access_logs.s3.prefix", "prod",
                        "idle_timeout.timeout_seconds", "60")),
                new S3Errors(null));

        assertThat(locations.locate(LB_ARN)).contains(new Location("shop-alb-logs", "prod"));
    }

    @Test
    void loggingOffIsEmptyAndAnUnknownLoadBalancerNotFound() {
        var locations = new Elbv2LogLocations(
                elbv2(Map.of("access_logs.s3.enabled", "false", "access_logs.s3.bucket", "")), new S3Errors(null));

        assertThat(locations.locate(LB_ARN)).isEmpty();
        String other = LB_ARN.replace("shop", "gone");
        assertThatThrownBy(() -> locations.locate(other))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessage("load balancer " + other + " was not found");
    }
}
