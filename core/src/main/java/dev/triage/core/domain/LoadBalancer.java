package dev.triage.core.domain;

/**
 * An Application Load Balancer (or the lab's agent acting as one).
 *
 * @param arn the ARN (the lab: an id)
 * @param name 1 to 32 characters
 * @param dnsName the DNS name clients use
 * @param scheme internet-facing or internal
 * @param type application for an ALB
 * @param vpcId the VPC, or null where there is none (the lab)
 * @param state the provisioning state
 * @param place the account and region
 */
public record LoadBalancer(
        String arn, String name, String dnsName, Scheme scheme, Type type, String vpcId, State state, Place place)
        implements Resource {

    /** At most this many characters in a load balancer's name (ALB). */
    public static final int MAX_NAME_LENGTH = 32;

    public LoadBalancer {
        Validation v = Validation.of("load balancer " + name);
        v.present("arn", arn, "an ARN or id");
        if (v.present("name", name, "a name")) {
            v.range("name length", name.length(), 1, MAX_NAME_LENGTH);
        }
        v.present("dnsName", dnsName, "a DNS name");
        v.present("scheme", scheme, "internet-facing or internal");
        v.present("type", type, "application, network or gateway");
        v.present("state", state, "a state");
        v.present("place", place, "an account and region");
        v.throwIfInvalid();
    }

    public enum Scheme {
        INTERNET_FACING,
        INTERNAL
    }

    public enum Type {
        APPLICATION,
        NETWORK,
        GATEWAY
    }

    public enum State {
        PROVISIONING,
        ACTIVE,
        ACTIVE_IMPAIRED,
        FAILED
    }
}
