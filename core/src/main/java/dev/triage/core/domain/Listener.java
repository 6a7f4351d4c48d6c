package dev.triage.core.domain;

import java.util.List;

/**
 * A listener of a load balancer. An HTTPS listener has at least one certificate (the first is the
 * default) and an explicit SSL policy: a listener created without one gets an old TLS policy, so
 * Triage never models one. An HTTP listener has neither. The default actions end in exactly one
 * forward, redirect or fixed-response.
 */
public record Listener(
        String arn,
        String loadBalancerArn,
        Protocol protocol,
        int port,
        List<String> certificateArns,
        String sslPolicy,
        List<Action> defaultActions)
        implements Resource {

    public Listener {
        Validation v = Validation.of(protocol + " listener on port " + port);
        v.present("arn", arn, "a listener ARN");
        v.present("loadBalancerArn", loadBalancerArn, "a load balancer ARN");
        v.present("protocol", protocol, "HTTP or HTTPS");
        v.range("port", port, 1, 65535);
        certificateArns = certificateArns == null ? List.of() : certificateArns;
        for (String certificate : certificateArns) {
            v.present("certificate", certificate, "a certificate ARN");
        }
        if (protocol == Protocol.HTTPS) {
            v.check(!certificateArns.isEmpty(), "certificates: none (expected: at least one on an HTTPS listener)");
            v.present("sslPolicy", sslPolicy, "an explicit SSL policy on an HTTPS listener, from DescribeSSLPolicies");
        } else if (protocol == Protocol.HTTP) {
            v.check(
                    certificateArns.isEmpty(),
                    "certificates: " + certificateArns.size() + " (expected: none on an HTTP listener)");
            v.check(sslPolicy == null, "sslPolicy: '" + sslPolicy + "' (expected: none on an HTTP listener)");
        }
        if (v.present("defaultActions", defaultActions, "exactly one of forward, redirect or fixed-response")) {
            checkActions(v, "defaultActions", defaultActions);
        }
        v.throwIfInvalid();
        certificateArns = List.copyOf(certificateArns);
        defaultActions = List.copyOf(defaultActions);
    }

    /** The default certificate, or null on an HTTP listener. */
    public String defaultCertificateArn() {
        return certificateArns.isEmpty() ? null : certificateArns.getFirst();
    }

    /** The listener's one default action. */
    public Action defaultAction() {
        return defaultActions.getLast();
    }

    static void checkActions(Validation v, String name, List<Action> actions) {
        v.check(
                actions.size() == 1,
                name + ": " + actions.size() + " (expected: exactly one of forward, redirect or fixed-response)");
        for (Action action : actions) {
            v.present("action", action, "an action");
        }
    }
}
