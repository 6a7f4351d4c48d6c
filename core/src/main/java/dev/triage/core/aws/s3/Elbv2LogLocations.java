package dev.triage.core.aws.s3;

import dev.triage.core.aws.s3.S3AccessLogs.Location;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

/** A load balancer's access-log location from ELBv2 DescribeLoadBalancerAttributes. */
final class Elbv2LogLocations {

    private final ElasticLoadBalancingV2Client elbv2;
    private final S3Errors errors;

    Elbv2LogLocations(ElasticLoadBalancingV2Client elbv2, S3Errors errors) {
        this.elbv2 = elbv2;
        this.errors = errors;
    }

    Optional<Location> locate(String loadBalancerArn) {
        var response = errors.call(
                S3Errors.ELBV2,
                "DescribeLoadBalancerAttributes",
                loadBalancerArn,
                () -> elbv2.describeLoadBalancerAttributes(b -> b.loadBalancerArn(loadBalancerArn)));
        Map<String, String> attributes = new HashMap<>();
        for (LoadBalancerAttribute a : response.attributes()) {
            attributes.put(a.key(), a.value());
        }
        return Location.fromAttributes(attributes);
    }
}
