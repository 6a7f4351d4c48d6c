package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.LoadBalancerAttributes.DesyncMitigationMode;
import dev.triage.core.domain.LoadBalancerAttributes.Setting;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Posture checks on the live setup: every load balancer's listeners, rules, certificates and attributes, and the
 * agents' admin tokens. Each check gives one {@link PostureResult} per resource: PASS, FAIL (with severity, a one-line
 * reason and the {@link Remediation} the change planner applies), NOT_APPLICABLE (the provider has no such setting) or
 * UNKNOWN (it could not be read; the reason says why). A failure to read one thing never hides the other checks.
 *
 * <p>Reads only; blocks on the ports (run it off the JavaFX thread). Tokens are inspected in place and never appear in
 * a result.
 */
public final class PostureChecks {

    private final LoadBalancers loadBalancers;
    private final Certificates certificates;
    private final HeaderGates gates;
    private final List<FleetAgent> agents;
    private final PostureSettings settings;
    private final Clock clock;

    private PostureChecks(Builder builder) {
        this.loadBalancers = builder.loadBalancers;
        this.certificates = builder.certificates;
        this.gates = builder.gates;
        this.agents = List.copyOf(builder.agents);
        this.settings = builder.settings;
        this.clock = builder.clock;
    }

    /** Checks over {@code loadBalancers}; no certificate store, gates or agents until the builder adds them. */
    public static Builder over(LoadBalancers loadBalancers) {
        return new Builder(loadBalancers);
    }

    /** Every check on every load balancer, then on every agent. */
    public List<PostureResult> run() {
        List<PostureResult> results = new ArrayList<>();
        List<LoadBalancer> all;
        try {
            all = loadBalancers.loadBalancers();
        } catch (CoreException e) {
            for (PostureCheck check : PostureCheck.values()) {
                if (check != PostureCheck.AGENT_TOKEN_WEAK) {
                    results.add(
                            PostureResult.unknown(check, "load balancers", "cannot list load balancers: " + line(e)));
                }
            }
            all = List.of();
        }
        for (LoadBalancer lb : all) {
            results.addAll(loadBalancer(lb));
        }
        results.addAll(agentTokens());
        return List.copyOf(results);
    }

    /** Only the failures of {@code results}, most severe first (stable within a severity). */
    public static List<PostureResult> failures(List<PostureResult> results) {
        return results.stream()
                .filter(PostureResult::failed)
                .sorted((a, b) -> b.severity().compareTo(a.severity()))
                .toList();
    }

    /** Every check of one load balancer: its listeners, rules, certificates and attributes. */
    public List<PostureResult> loadBalancer(LoadBalancer lb) {
        requireNonNull(lb, "lb");
        List<PostureResult> results = new ArrayList<>();
        List<Listener> listeners;
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        try {
            listeners = loadBalancers.listeners(lb.arn());
            for (Listener listener : listeners) {
                rules.put(listener.arn(), loadBalancers.rules(listener.arn()));
            }
        } catch (CoreException e) {
            String reason = "cannot read the listeners and rules of " + lb.name() + ": " + line(e);
            for (PostureCheck check : List.of(
                    PostureCheck.HTTP_WITHOUT_REDIRECT,
                    PostureCheck.SSL_POLICY_NOT_CURRENT,
                    PostureCheck.CERTIFICATE_EXPIRING,
                    PostureCheck.CDN_HEADER_NOT_REQUIRED)) {
                results.add(PostureResult.unknown(check, lb.arn(), reason));
            }
            listeners = List.of();
        }
        for (Listener listener : listeners) {
            if (listener.protocol() == Protocol.HTTP) {
                results.add(httpRedirect(listener, rules.get(listener.arn()), listeners));
            }
        }
        results.addAll(sslPolicies(listeners));
        results.addAll(certificates(listeners));
        for (Listener listener : listeners) {
            results.add(cdnHeader(lb, listener, rules.get(listener.arn())));
        }
        results.addAll(attributes(lb));
        return results;
    }

    /** The admin token of each agent: long and random enough, and not sent in clear text across a network. */
    public List<PostureResult> agentTokens() {
        List<PostureResult> results = new ArrayList<>();
        for (FleetAgent agent : agents) {
            int minimum = settings.minimumTokenLength();
            TokenStrength strength = agent.endpoint().inspectToken(token -> TokenStrength.measure(token, minimum));
            String name = agent.name();
            Remediation rotate = Remediation.of(Remediation.Kind.ROTATE_AGENT_TOKEN)
                    .with(Remediation.AGENT, name)
                    .summary("give agent " + name + " a new random admin token (32 random bytes)");
            if (!strength.strong()) {
                results.add(PostureResult.fail(
                        PostureCheck.AGENT_TOKEN_WEAK,
                        name,
                        Severity.CRITICAL,
                        "agent " + name + "'s admin token is weak: " + strength.weakness(),
                        rotate));
            } else if (clearTextOverNetwork(agent.endpoint().adminUri())) {
                results.add(PostureResult.fail(
                        PostureCheck.AGENT_TOKEN_WEAK,
                        name,
                        Severity.WARNING,
                        "agent " + name + "'s admin API is plain HTTP on " + agent.adminAddress()
                                + ", so its token crosses the network unencrypted; use HTTPS or a loopback address",
                        null));
            } else {
                results.add(PostureResult.pass(
                        PostureCheck.AGENT_TOKEN_WEAK,
                        name,
                        "agent " + name + "'s admin token has " + strength.length() + " characters, about "
                                + strength.estimatedBits() + " bits"));
            }
        }
        return results;
    }

    // ------------------------------------------------------------------ listeners

    private PostureResult httpRedirect(Listener listener, List<Rule> rules, List<Listener> all) {
        String label = label(listener);
        List<String> forwarding = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.action() instanceof Forward) {
                forwarding.add(
                        rule.isDefault()
                                ? "the default rule"
                                : "rule " + rule.priority().text());
            }
        }
        boolean redirects =
                listener.defaultAction() instanceof Redirect r && r.protocol().equals("HTTPS");
        if (redirects && forwarding.isEmpty()) {
            return PostureResult.pass(
                    PostureCheck.HTTP_WITHOUT_REDIRECT, listener.arn(), label + " redirects requests to HTTPS");
        }
        String what = forwarding.isEmpty()
                ? "does not redirect to HTTPS (default: "
                        + listener.defaultAction().describe() + ")"
                : "serves plain HTTP (" + String.join(", ", forwarding) + " forward to targets)";
        Listener https = all.stream()
                .filter(l -> l.protocol() == Protocol.HTTPS)
                .findFirst()
                .orElse(null);
        if (https == null) {
            return PostureResult.fail(
                    PostureCheck.HTTP_WITHOUT_REDIRECT,
                    listener.arn(),
                    Severity.WARNING,
                    label + " " + what + "; the load balancer has no HTTPS listener to redirect to, add one first",
                    null);
        }
        Remediation fix = Remediation.of(Remediation.Kind.REDIRECT_HTTP_TO_HTTPS)
                .with(Remediation.LISTENER, listener.arn())
                .with(Remediation.HTTPS_PORT, Integer.toString(https.port()))
                .summary("redirect " + label + " to HTTPS on port " + https.port());
        return PostureResult.fail(
                PostureCheck.HTTP_WITHOUT_REDIRECT, listener.arn(), Severity.WARNING, label + " " + what, fix);
    }

    private List<PostureResult> sslPolicies(List<Listener> listeners) {
        List<PostureResult> results = new ArrayList<>();
        List<SslPolicy> offered = null;
        for (Listener listener : listeners) {
            if (listener.protocol() != Protocol.HTTPS) {
                continue;
            }
            String label = label(listener);
            String policy = listener.sslPolicy();
            if (TlsPolicies.isCurrent(policy)) {
                results.add(PostureResult.pass(
                        PostureCheck.SSL_POLICY_NOT_CURRENT,
                        listener.arn(),
                        label + " uses " + policy + ", a current TLS 1.3 policy"));
                continue;
            }
            if (offered == null) {
                try {
                    offered = loadBalancers.sslPolicies();
                } catch (CoreException e) {
                    offered = List.of();
                }
            }
            boolean legacy = TlsPolicies.allowsLegacyDespiteTls13(policy)
                    || offered.stream().filter(p -> p.name().equals(policy)).anyMatch(SslPolicy::allowsLegacyTls);
            String proposed = TlsPolicies.recommended(
                    offered.stream().map(SslPolicy::name).toList());
            Remediation fix = Remediation.of(Remediation.Kind.SET_SSL_POLICY)
                    .with(Remediation.LISTENER, listener.arn())
                    .with(Remediation.SSL_POLICY, proposed)
                    .summary("set " + label + "'s SSL policy to " + proposed);
            results.add(PostureResult.fail(
                    PostureCheck.SSL_POLICY_NOT_CURRENT,
                    listener.arn(),
                    legacy ? Severity.CRITICAL : Severity.WARNING,
                    label + " uses " + policy
                            + (legacy
                                    ? ", which allows TLS 1.0 or 1.1"
                                    : ", which is not one of the current TLS 1.3 policies"),
                    fix));
        }
        return results;
    }

    private List<PostureResult> certificates(List<Listener> listeners) {
        Map<String, Listener> users = new LinkedHashMap<>();
        for (Listener listener : listeners) {
            for (String arn : listener.certificateArns()) {
                users.putIfAbsent(arn, listener);
            }
        }
        List<PostureResult> results = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, Listener> use : users.entrySet()) {
            results.add(certificate(use.getKey(), use.getValue(), now));
        }
        return results;
    }

    private PostureResult certificate(String arn, Listener listener, Instant now) {
        PostureCheck check = PostureCheck.CERTIFICATE_EXPIRING;
        if (certificates == null) {
            return PostureResult.unknown(
                    check, arn, "no certificate store for this place, so the expiry of " + arn + " is not known");
        }
        Certificate certificate;
        try {
            certificate = certificates.describe(arn);
        } catch (CoreException e) {
            return PostureResult.unknown(check, arn, "cannot read certificate " + arn + ": " + line(e));
        }
        String name = certificate.domainName();
        Remediation fix = Remediation.of(Remediation.Kind.REPLACE_CERTIFICATE)
                .with(Remediation.LISTENER, listener.arn())
                .with(Remediation.CERTIFICATE, arn)
                .summary("replace certificate " + name + " on " + label(listener) + " with a renewed one");
        if (certificate.status() == Certificate.Status.EXPIRED || certificate.status() == Certificate.Status.REVOKED) {
            return PostureResult.fail(
                    check,
                    arn,
                    Severity.CRITICAL,
                    "certificate " + name + " on " + label(listener) + " is " + certificate.status(),
                    fix);
        }
        if (certificate.notAfter() == null) {
            return PostureResult.unknown(
                    check, arn, "certificate " + name + " has no expiry yet (" + certificate.status() + ")");
        }
        Duration left = Duration.between(now, certificate.notAfter());
        long days = certificate.daysToExpiry(now);
        if (left.isNegative() || left.isZero()) {
            return PostureResult.fail(
                    check,
                    arn,
                    Severity.CRITICAL,
                    "certificate " + name + " on " + label(listener) + " expired " + certificate.notAfter(),
                    fix);
        }
        if (left.compareTo(settings.certificateWarning()) < 0) {
            return PostureResult.fail(
                    check,
                    arn,
                    days < 7 ? Severity.CRITICAL : Severity.WARNING,
                    "certificate " + name + " on " + label(listener) + " expires in " + days + " days ("
                            + certificate.notAfter() + ")",
                    fix);
        }
        return PostureResult.pass(check, arn, "certificate " + name + " is valid for " + days + " more days");
    }

    private PostureResult cdnHeader(LoadBalancer lb, Listener listener, List<Rule> rules) {
        PostureCheck check = PostureCheck.CDN_HEADER_NOT_REQUIRED;
        String header = settings.cdnHeader();
        String label = label(listener);
        Map<String, String> gated;
        try {
            gated = gates.requiredHeaders(listener.arn());
        } catch (CoreException e) {
            return PostureResult.unknown(check, listener.arn(), "cannot read the gates of " + label + ": " + line(e));
        }
        List<Rule> open = new ArrayList<>();
        int forwarding = 0;
        for (Rule rule : rules) {
            if (!(rule.action() instanceof Forward)) {
                continue;
            }
            forwarding++;
            boolean byRule = rule.conditions().stream().anyMatch(c -> requires(c, header));
            boolean byGate = header.equalsIgnoreCase(gated.get(rule.arn()));
            if (!byRule && !byGate) {
                open.add(rule);
            }
        }
        if (forwarding == 0) {
            return PostureResult.pass(check, listener.arn(), label + " forwards nothing to targets");
        }
        if (open.isEmpty()) {
            return PostureResult.pass(
                    check, listener.arn(), "every rule of " + label + " that forwards requires " + header);
        }
        String which = String.join(
                ", ",
                open.stream()
                        .map(r -> r.isDefault()
                                ? "the default rule"
                                : "rule " + r.priority().text())
                        .toList());
        Remediation fix = Remediation.of(Remediation.Kind.REQUIRE_HEADER)
                .with(Remediation.LISTENER, listener.arn())
                .with(Remediation.HEADER, header)
                .with(
                        Remediation.RULES,
                        String.join(",", open.stream().map(Rule::arn).toList()))
                .summary("require " + header + " on " + label + " (" + which + "); other requests get 403");
        return PostureResult.fail(
                check,
                listener.arn(),
                lb.scheme() == LoadBalancer.Scheme.INTERNET_FACING ? Severity.CRITICAL : Severity.WARNING,
                label + " forwards requests without " + header + " (" + which + "), so clients can bypass the CDN",
                fix);
    }

    private static boolean requires(Condition condition, String header) {
        return condition instanceof HttpHeader h && h.name().equalsIgnoreCase(header);
    }

    // ------------------------------------------------------------------ attributes

    private List<PostureResult> attributes(LoadBalancer lb) {
        LoadBalancerAttributes attributes;
        try {
            attributes = loadBalancers.loadBalancerAttributes(lb.arn());
        } catch (CoreException e) {
            String reason = "cannot read the attributes of " + lb.name() + ": " + line(e);
            return List.of(
                    PostureResult.unknown(PostureCheck.INVALID_HEADERS_NOT_DROPPED, lb.arn(), reason),
                    PostureResult.unknown(PostureCheck.ACCESS_LOGS_OFF, lb.arn(), reason),
                    PostureResult.unknown(PostureCheck.DESYNC_MITIGATION_WEAK, lb.arn(), reason));
        }
        String name = lb.name();
        return List.of(
                setting(
                        PostureCheck.INVALID_HEADERS_NOT_DROPPED,
                        lb.arn(),
                        attributes.dropInvalidHeaderFields(),
                        drop -> drop
                                ? PostureResult.pass(
                                        PostureCheck.INVALID_HEADERS_NOT_DROPPED,
                                        lb.arn(),
                                        name + " drops header fields that are not valid")
                                : PostureResult.fail(
                                        PostureCheck.INVALID_HEADERS_NOT_DROPPED,
                                        lb.arn(),
                                        Severity.WARNING,
                                        name + " passes header fields that are not valid on to targets"
                                                + " (drop_invalid_header_fields is off)",
                                        setAttribute(lb, LoadBalancerAttributes.DROP_INVALID_HEADER_FIELDS, "true"))),
                setting(
                        PostureCheck.ACCESS_LOGS_OFF,
                        lb.arn(),
                        attributes.accessLogs(),
                        logs -> logs.enabled()
                                ? PostureResult.pass(
                                        PostureCheck.ACCESS_LOGS_OFF,
                                        lb.arn(),
                                        name + " logs every request"
                                                + (logs.destination() == null ? "" : " to " + logs.destination()))
                                : PostureResult.fail(
                                        PostureCheck.ACCESS_LOGS_OFF,
                                        lb.arn(),
                                        Severity.WARNING,
                                        name + " keeps no access logs, so attacks through it leave no trace to"
                                                + " detect",
                                        Remediation.of(Remediation.Kind.ENABLE_ACCESS_LOGS)
                                                .with(Remediation.LOAD_BALANCER, lb.arn())
                                                .summary("turn on access logs for " + name))),
                setting(
                        PostureCheck.DESYNC_MITIGATION_WEAK,
                        lb.arn(),
                        attributes.desyncMitigationMode(),
                        mode -> mode == DesyncMitigationMode.MONITOR
                                ? PostureResult.fail(
                                        PostureCheck.DESYNC_MITIGATION_WEAK,
                                        lb.arn(),
                                        Severity.WARNING,
                                        name + "'s desync mitigation only monitors, so requests that can smuggle"
                                                + " others reach targets",
                                        setAttribute(
                                                lb,
                                                LoadBalancerAttributes.DESYNC_MITIGATION_MODE,
                                                DesyncMitigationMode.DEFENSIVE.wire()))
                                : PostureResult.pass(
                                        PostureCheck.DESYNC_MITIGATION_WEAK,
                                        lb.arn(),
                                        name + "'s desync mitigation is " + mode.wire())));
    }

    private static <T> PostureResult setting(
            PostureCheck check, String resource, Setting<T> setting, Function<T, PostureResult> judge) {
        return switch (setting) {
            case Setting.Known<T>(T value) -> judge.apply(value);
            case Setting.NotApplicable<T>(String reason) -> PostureResult.notApplicable(check, resource, reason);
            case Setting.NotReported<T>(String reason) -> PostureResult.unknown(check, resource, reason);
        };
    }

    private static Remediation setAttribute(LoadBalancer lb, String key, String value) {
        return Remediation.of(Remediation.Kind.SET_ATTRIBUTE)
                .with(Remediation.LOAD_BALANCER, lb.arn())
                .with(Remediation.ATTRIBUTE, key)
                .with(Remediation.VALUE, value)
                .summary("set " + key + " to " + value + " on " + lb.name());
    }

    // ------------------------------------------------------------------ helpers

    private static String label(Listener listener) {
        return "listener " + listener.protocol() + ":" + listener.port();
    }

    private static String line(CoreException e) {
        String message = e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Plain HTTP to a host that is not a loopback address (checked on the text: no name lookup). */
    private static boolean clearTextOverNetwork(URI admin) {
        if (!"http".equalsIgnoreCase(admin.getScheme())) {
            return false;
        }
        String host = admin.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    /** Builds {@link PostureChecks}. */
    public static final class Builder {
        private final LoadBalancers loadBalancers;
        private Certificates certificates;
        private HeaderGates gates = HeaderGates.NONE;
        private List<FleetAgent> agents = List.of();
        private PostureSettings settings = PostureSettings.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder(LoadBalancers loadBalancers) {
            this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        }

        /** Where listeners' certificates are described (ACM); without one, expiry is UNKNOWN. */
        public Builder certificates(Certificates store) {
            this.certificates = requireNonNull(store, "store");
            return this;
        }

        /** Header gates outside the load balancer's rules (the lab's edge agent). */
        public Builder gates(HeaderGates headerGates) {
            this.gates = requireNonNull(headerGates, "headerGates");
            return this;
        }

        /** The agents whose admin tokens are checked (from {@code FleetFile.read} or {@code LabFleet.agents}). */
        public Builder agents(List<FleetAgent> fleet) {
            this.agents = List.copyOf(requireNonNull(fleet, "fleet"));
            return this;
        }

        public Builder settings(PostureSettings postureSettings) {
            this.settings = requireNonNull(postureSettings, "postureSettings");
            return this;
        }

        /** The clock certificate expiry is measured against. */
        public Builder clock(Clock now) {
            this.clock = requireNonNull(now, "now");
            return this;
        }

        public PostureChecks build() {
            return new PostureChecks(this);
        }
    }
}
