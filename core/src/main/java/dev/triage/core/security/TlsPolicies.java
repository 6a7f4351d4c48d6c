package dev.triage.core.security;

import java.util.List;
import java.util.Set;

/**
 * Which SSL policies are current, in one place. Source: the AWS Elastic Load Balancing guide, "Security policies for
 * your Application Load Balancer" (TLS 1.3 policies, FIPS policies, post-quantum policies), as of 2025-09: every
 * {@code ELBSecurityPolicy-TLS13-*} policy allows TLS 1.3, but those named {@code TLS13-1-0} and {@code TLS13-1-1} also
 * allow TLS 1.0 or 1.1, so only the policies whose minimum is TLS 1.2 or 1.3 are current here. When AWS publishes new
 * ones, add them to {@link #CURRENT} (a policy not listed is flagged with its name, never silently accepted).
 */
public final class TlsPolicies {

    /** The TLS 1.3 policies with TLS 1.2 or 1.3 as the minimum. */
    public static final Set<String> CURRENT = Set.of(
            // TLS 1.3 policies (2021-06)
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            // FIPS (2023-04)
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            // post-quantum hybrid key exchange (2025-09)
            "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09");

    /**
     * What a fix proposes, best first: the policy AWS long recommended (TLS 1.3 and 1.2, broad client support), then
     * the console's current default; the first one the provider offers (DescribeSSLPolicies) is proposed.
     */
    public static final List<String> RECOMMENDED = List.of(
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09");

    /**
     * The lab adapter's name for an edge agent's HTTPS listener: the agent allows TLS 1.2 and 1.3 only
     * ({@code dev.triage.agent.api.config.Listener.Tls}), which is what a current policy allows.
     */
    public static final String LAB_AGENT_TLS = "lab:agent-tls";

    private TlsPolicies() {}

    /** True for a current TLS 1.3 policy (or the lab agent's TLS 1.2/1.3). */
    public static boolean isCurrent(String policy) {
        return policy != null && (CURRENT.contains(policy) || LAB_AGENT_TLS.equals(policy));
    }

    /** True for a TLS 1.3 policy that still allows TLS 1.0 or 1.1 ({@code TLS13-1-0}, {@code TLS13-1-1}). */
    static boolean allowsLegacyDespiteTls13(String policy) {
        return policy != null
                && (policy.startsWith("ELBSecurityPolicy-TLS13-1-0")
                        || policy.startsWith("ELBSecurityPolicy-TLS13-1-1"));
    }

    /** The first of {@link #RECOMMENDED} that {@code offered} holds; the first recommended when none is offered. */
    static String recommended(List<String> offered) {
        for (String policy : RECOMMENDED) {
            if (offered.contains(policy)) {
                return policy;
            }
        }
        for (String policy : offered) {
            if (CURRENT.contains(policy)) {
                return policy;
            }
        }
        return RECOMMENDED.getFirst();
    }
}
