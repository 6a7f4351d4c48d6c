package dev.triage.core.domain;

import java.util.List;

/** A security policy from DescribeSSLPolicies: its name and the TLS protocols it allows. */
public record SslPolicy(String name, List<String> protocols, List<String> ciphers) {

    public SslPolicy {
        Validation v = Validation.of("SSL policy");
        v.present("name", name, "a policy name such as ELBSecurityPolicy-TLS13-1-2-2021-06");
        v.throwIfInvalid();
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        ciphers = ciphers == null ? List.of() : List.copyOf(ciphers);
    }

    /** True when the policy allows TLS 1.0 or 1.1 (which posture checks flag). */
    public boolean allowsLegacyTls() {
        return protocols.contains("TLSv1") || protocols.contains("TLSv1.1");
    }
}
