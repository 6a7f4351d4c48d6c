package dev.triage.core.domain;

import java.time.Duration;
import java.util.List;

/** Valid domain values for tests; each test changes only what it is about. */
public final class Samples {

    public static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/hosp/1";
    public static final String LEGACY = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/legacy/1";
    public static final String REPLACEMENT =
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/replacement/2";
    public static final String HTTP_LISTENER = LB.replace(":loadbalancer/", ":listener/") + "/80";
    public static final String CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/abc";
    public static final String POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private Samples() {}

    public static LoadBalancer loadBalancer() {
        return new LoadBalancer(
                LB,
                "hosp",
                "hosp-1.eu-west-1.elb.amazonaws.com",
                LoadBalancer.Scheme.INTERNET_FACING,
                LoadBalancer.Type.APPLICATION,
                "vpc-1",
                LoadBalancer.State.ACTIVE,
                new Place("111122223333", "eu-west-1"));
    }

    public static TargetGroup targetGroup(String arn, String name, boolean sticky) {
        return new TargetGroup(
                arn,
                name,
                Protocol.HTTP,
                8080,
                sticky,
                sticky ? Duration.ofHours(1) : null,
                healthCheck(),
                List.of(LB));
    }

    public static TargetGroup.HealthCheck healthCheck() {
        return new TargetGroup.HealthCheck(
                Protocol.HTTP, "/health", "traffic-port", Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, "200");
    }

    public static Listener httpListener() {
        return new Listener(HTTP_LISTENER, LB, Protocol.HTTP, 80, List.of(), null, List.of(Forward.to(LEGACY)));
    }

    public static Forward split(int legacy, int replacement) {
        return new Forward(
                List.of(new WeightedTargetGroup(LEGACY, legacy), new WeightedTargetGroup(REPLACEMENT, replacement)),
                null);
    }

    public static List<Condition> apiPath() {
        return List.of(PathPattern.of("/api/*"));
    }

    public static Rule rule(String arn, int priority) {
        return new Rule(arn, HTTP_LISTENER, RulePriority.of(priority), apiPath(), List.of(split(90, 10)));
    }
}
