package dev.triage.core.aws.elbv2;

import static java.util.Objects.requireNonNull;

import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * {@link LoadBalancers} over the ELBv2 API (Application Load Balancers only).
 *
 * <p>Reads follow every page with Marker / NextMarker (at most {@value #MAX_PAGES} pages per call, rules in pages of
 * {@value #RULES_PAGE_SIZE}). Listeners are read with all their certificates (DescribeListenerCertificates), target
 * groups with their stickiness attributes. Writes send exactly the request ELBv2 documents; ModifyListener and
 * CreateListener take only the default certificate, so the others are added and removed with
 * Add/RemoveListenerCertificates. Retries with backoff come from the client (see {@link AwsContext}); AWS error codes
 * become {@link CoreException}s (see {@code Elbv2Errors}).
 */
public final class Elbv2LoadBalancers implements LoadBalancers, AutoCloseable {

    static final int MAX_PAGES = 1_000;
    static final int RULES_PAGE_SIZE = 400;

    private final ElasticLoadBalancingV2Client client;
    private final Elbv2Errors errors;
    private final boolean ownsClient;

    private Elbv2LoadBalancers(ElasticLoadBalancingV2Client client, AwsContext context, boolean ownsClient) {
        this.client = requireNonNull(client, "client");
        this.errors = new Elbv2Errors(context);
        this.ownsClient = ownsClient;
    }

    /** An adapter over a client built by {@code context} (closed with the adapter). */
    public static Elbv2LoadBalancers open(AwsContext context) {
        requireNonNull(context, "context");
        return new Elbv2LoadBalancers(context.client(ElasticLoadBalancingV2Client.builder()), context, true);
    }

    /** An adapter over a given client (not closed by the adapter), e.g. a fake in tests. */
    public static Elbv2LoadBalancers over(ElasticLoadBalancingV2Client client) {
        return new Elbv2LoadBalancers(client, null, false);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<LoadBalancer> loadBalancers() {
        List<LoadBalancer> result = new ArrayList<>();
        pages("DescribeLoadBalancers", null, null, marker -> {
            var response = client.describeLoadBalancers(b -> b.marker(marker));
            response.loadBalancers().stream()
                    .filter(lb -> "application".equals(lb.typeAsString()))
                    .map(Elbv2Mapping::loadBalancer)
                    .forEach(result::add);
            return response.nextMarker();
        });
        return List.copyOf(result);
    }

    @Override
    public List<Listener> listeners(String loadBalancerArn) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> listeners = new ArrayList<>();
        pages("DescribeListeners", "load balancer", loadBalancerArn, marker -> {
            var response = client.describeListeners(
                    b -> b.loadBalancerArn(loadBalancerArn).marker(marker));
            listeners.addAll(response.listeners());
            return response.nextMarker();
        });
        return listeners.stream()
                .filter(l -> Elbv2Mapping.protocol(l.protocolAsString()) != null)
                .map(this::listener)
                .sorted(Comparator.comparingInt(Listener::port))
                .toList();
    }

    @Override
    public List<Rule> rules(String listenerArn) {
        requireNonNull(listenerArn, "listenerArn");
        List<Rule> result = new ArrayList<>();
        pages("DescribeRules", "listener", listenerArn, marker -> {
            var response = client.describeRules(
                    b -> b.listenerArn(listenerArn).pageSize(RULES_PAGE_SIZE).marker(marker));
            response.rules().stream()
                    .map(r -> Elbv2Mapping.rule(r, listenerArn))
                    .forEach(result::add);
            return response.nextMarker();
        });
        result.sort(Comparator.comparing(Rule::priority));
        return List.copyOf(result);
    }

    @Override
    public List<TargetGroup> targetGroups(String loadBalancerArn) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> groups = new ArrayList<>();
        pages("DescribeTargetGroups", "load balancer", loadBalancerArn, marker -> {
            var response = client.describeTargetGroups(
                    b -> b.loadBalancerArn(loadBalancerArn).marker(marker));
            groups.addAll(response.targetGroups());
            return response.nextMarker();
        });
        List<TargetGroup> result = new ArrayList<>();
        for (var group : groups) {
            if (Elbv2Mapping.protocol(group.protocolAsString()) == null || group.port() == null) {
                continue; // Lambda targets have neither; core models HTTP(S) groups only
            }
            List<TargetGroupAttribute> attributes = errors.call(
                            "DescribeTargetGroupAttributes",
                            "target group",
                            group.targetGroupArn(),
                            () -> client.describeTargetGroupAttributes(b -> b.targetGroupArn(group.targetGroupArn())))
                    .attributes();
            Map<String, String> byKey = new java.util.HashMap<>();
            attributes.forEach(a -> byKey.put(a.key(), a.value()));
            boolean sticky = "true".equals(byKey.get("stickiness.enabled"));
            Duration duration = sticky ? stickinessDuration(byKey) : null;
            result.add(Elbv2Mapping.targetGroup(group, sticky, duration));
        }
        return List.copyOf(result);
    }

    private static Duration stickinessDuration(Map<String, String> attributes) {
        String type = attributes.getOrDefault("stickiness.type", "lb_cookie");
        String seconds = attributes.get("stickiness." + type + ".duration_seconds");
        if (seconds == null) {
            seconds = attributes.getOrDefault("stickiness.lb_cookie.duration_seconds", "86400");
        }
        return Duration.ofSeconds(Long.parseLong(seconds));
    }

    @Override
    public List<TargetHealth> targetHealth(String targetGroupArn) {
        requireNonNull(targetGroupArn, "targetGroupArn");
        var response = errors.call(
                "DescribeTargetHealth",
                "target group",
                targetGroupArn,
                () -> client.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)));
        return response.targetHealthDescriptions().stream()
                .map(d -> Elbv2Mapping.targetHealth(d, 0))
                .toList();
    }

    @Override
    public List<SslPolicy> sslPolicies() {
        List<SslPolicy> result = new ArrayList<>();
        pages("DescribeSSLPolicies", null, null, marker -> {
            var response = client.describeSSLPolicies(b -> b.marker(marker));
            response.sslPolicies().stream()
                    .map(p -> new SslPolicy(
                            p.name(),
                            p.sslProtocols(),
                            p.ciphers().stream().map(Cipher::name).toList()))
                    .forEach(result::add);
            return response.nextMarker();
        });
        return List.copyOf(result);
    }

    /**
     * DescribeLoadBalancerAttributes, read as {@link LoadBalancerAttributes#fromElbv2}: a key ELBv2 did not return is
     * not reported, never guessed. NotFound if no load balancer.
     */
    @Override
    public LoadBalancerAttributes loadBalancerAttributes(String loadBalancerArn) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        var response = errors.call(
                "DescribeLoadBalancerAttributes",
                "load balancer",
                loadBalancerArn,
                () -> client.describeLoadBalancerAttributes(b -> b.loadBalancerArn(loadBalancerArn)));
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        response.attributes().forEach(a -> attributes.put(a.key(), a.value()));
        return LoadBalancerAttributes.fromElbv2(loadBalancerArn, attributes);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        String listenerArn = Elbv2Mapping.listenerOfRule(ruleArn);
        if (conditions.isEmpty() && readRule(ruleArn).isDefault()) {
            // ELBv2 documents ModifyListener, not ModifyRule, for the default rule's actions.
            errors.call(
                    "ModifyListener",
                    "listener",
                    listenerArn,
                    () -> client.modifyListener(
                            b -> b.listenerArn(listenerArn).defaultActions(Elbv2Mapping.sdkActions(actions))));
            return Elbv2Mapping.rule(readRule(ruleArn), listenerArn);
        }
        var response = errors.call(
                "ModifyRule",
                "rule",
                ruleArn,
                () -> client.modifyRule(b -> {
                    b.ruleArn(ruleArn).actions(Elbv2Mapping.sdkActions(actions));
                    if (!conditions.isEmpty()) {
                        b.conditions(
                                conditions.stream().map(Elbv2Mapping::condition).toList());
                    }
                }));
        return Elbv2Mapping.rule(response.rules().getFirst(), listenerArn);
    }

    @Override
    public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        requireNonNull(priorities, "priorities");
        List<RulePriorityPair> pairs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        priorities.forEach((arn, priority) -> {
            if (priority == null || priority.isDefault()) {
                problems.add("priority of " + arn + ": " + priority + " (expected: " + RulePriority.MIN + ".."
                        + RulePriority.MAX + "; the default rule cannot move)");
            } else {
                pairs.add(RulePriorityPair.builder()
                        .ruleArn(arn)
                        .priority(((RulePriority.Numbered) priority).value())
                        .build());
            }
        });
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("SetRulePriorities", problems);
        }
        if (pairs.isEmpty()) {
            return List.of();
        }
        var response = errors.call(
                "SetRulePriorities",
                "rule",
                pairs.size() == 1 ? pairs.getFirst().ruleArn() : null,
                () -> client.setRulePriorities(b -> b.rulePriorities(pairs)));
        return response.rules().stream()
                .map(r -> Elbv2Mapping.rule(r, Elbv2Mapping.listenerOfRule(r.ruleArn())))
                .sorted(Comparator.comparing(Rule::priority))
                .toList();
    }

    @Override
    public Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(priority, "priority");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        if (!(priority instanceof RulePriority.Numbered(int value))) {
            throw new CoreException.Invalid(
                    "CreateRule " + listenerArn,
                    List.of("priority: default (expected: " + RulePriority.MIN + ".." + RulePriority.MAX
                            + "; every listener already has its default rule)"));
        }
        var response = errors.call(
                "CreateRule",
                "listener",
                listenerArn,
                () -> client.createRule(b -> b.listenerArn(listenerArn)
                        .priority(value)
                        .conditions(
                                conditions.stream().map(Elbv2Mapping::condition).toList())
                        .actions(Elbv2Mapping.sdkActions(actions))));
        return Elbv2Mapping.rule(response.rules().getFirst(), listenerArn);
    }

    @Override
    public void deleteRule(String ruleArn) {
        requireNonNull(ruleArn, "ruleArn");
        errors.call("DeleteRule", "rule", ruleArn, () -> client.deleteRule(b -> b.ruleArn(ruleArn)));
    }

    @Override
    public Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        requireNonNull(listenerArn, "listenerArn");
        if (certificateArns != null && certificateArns.isEmpty()) {
            throw new CoreException.Invalid(
                    "ModifyListener " + listenerArn,
                    List.of("certificates: none (expected: at least one, the first being the default, or null to keep"
                            + " them)"));
        }
        errors.call(
                "ModifyListener",
                "listener",
                listenerArn,
                () -> client.modifyListener(b -> {
                    b.listenerArn(listenerArn);
                    if (defaultActions != null) {
                        b.defaultActions(Elbv2Mapping.sdkActions(defaultActions));
                    }
                    if (certificateArns != null) {
                        b.certificates(Certificate.builder()
                                .certificateArn(certificateArns.getFirst())
                                .build());
                    }
                    if (sslPolicy != null) {
                        b.sslPolicy(sslPolicy);
                    }
                }));
        if (certificateArns != null) {
            syncExtraCertificates(listenerArn, certificateArns);
        }
        return readListener(listenerArn);
    }

    @Override
    public Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        requireNonNull(defaultActions, "defaultActions");
        List<String> problems = new ArrayList<>();
        if (sslPolicy == null || sslPolicy.isBlank()) {
            problems.add("sslPolicy: missing (expected: an explicit policy from DescribeSSLPolicies, such as"
                    + " ELBSecurityPolicy-TLS13-1-2-2021-06; ELBv2's default allows old TLS)");
        }
        if (certificateArns == null || certificateArns.isEmpty()) {
            problems.add("certificates: none (expected: at least one, the first being the default)");
        }
        if (port < 1 || port > 65535) {
            problems.add("port: " + port + " (expected: 1..65535)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("HTTPS listener on port " + port, problems);
        }
        var response = errors.call(
                "CreateListener",
                "load balancer",
                loadBalancerArn,
                () -> client.createListener(b -> b.loadBalancerArn(loadBalancerArn)
                        .protocol(ProtocolEnum.HTTPS)
                        .port(port)
                        .sslPolicy(sslPolicy)
                        .certificates(Certificate.builder()
                                .certificateArn(certificateArns.getFirst())
                                .build())
                        .defaultActions(Elbv2Mapping.sdkActions(defaultActions))));
        String listenerArn = response.listeners().getFirst().listenerArn();
        syncExtraCertificates(listenerArn, certificateArns);
        return readListener(listenerArn);
    }

    @Override
    public void deleteListener(String listenerArn) {
        requireNonNull(listenerArn, "listenerArn");
        errors.call(
                "DeleteListener",
                "listener",
                listenerArn,
                () -> client.deleteListener(b -> b.listenerArn(listenerArn)));
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule readRule(String ruleArn) {
        var response =
                errors.call("DescribeRules", "rule", ruleArn, () -> client.describeRules(b -> b.ruleArns(ruleArn)));
        if (response.rules().isEmpty()) {
            throw new CoreException.NotFound("rule", ruleArn);
        }
        return response.rules().getFirst();
    }

    private Listener readListener(String listenerArn) {
        var response = errors.call(
                "DescribeListeners",
                "listener",
                listenerArn,
                () -> client.describeListeners(b -> b.listenerArns(listenerArn)));
        return listener(response.listeners().getFirst());
    }

    private Listener listener(software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener l) {
        Protocol protocol = Elbv2Mapping.protocol(l.protocolAsString());
        List<String> certificates = protocol == Protocol.HTTPS ? certificates(l.listenerArn()) : List.of();
        return new Listener(
                l.listenerArn(),
                l.loadBalancerArn(),
                protocol,
                l.port(),
                certificates,
                protocol == Protocol.HTTPS ? l.sslPolicy() : null,
                Elbv2Mapping.actions(l.defaultActions()));
    }

    /** Every certificate of the listener, the default first. */
    private List<String> certificates(String listenerArn) {
        List<String> defaults = new ArrayList<>();
        List<String> others = new ArrayList<>();
        pages("DescribeListenerCertificates", "listener", listenerArn, marker -> {
            var response = client.describeListenerCertificates(
                    b -> b.listenerArn(listenerArn).marker(marker));
            for (Certificate c : response.certificates()) {
                (Boolean.TRUE.equals(c.isDefault()) ? defaults : others).add(c.certificateArn());
            }
            return response.nextMarker();
        });
        var all = new LinkedHashSet<String>(defaults);
        all.addAll(others);
        return List.copyOf(all);
    }

    /** Adds the non-default certificates that are missing and removes those not wanted. */
    private void syncExtraCertificates(String listenerArn, List<String> wanted) {
        List<String> current = certificates(listenerArn);
        List<String> extraWanted = wanted.subList(1, wanted.size());
        List<Certificate> add = extraWanted.stream()
                .filter(arn -> !current.contains(arn))
                .map(arn -> Certificate.builder().certificateArn(arn).build())
                .toList();
        List<Certificate> remove = current.stream()
                .filter(arn -> !wanted.contains(arn))
                .map(arn -> Certificate.builder().certificateArn(arn).build())
                .toList();
        if (!add.isEmpty()) {
            errors.call(
                    "AddListenerCertificates",
                    "listener",
                    listenerArn,
                    () -> client.addListenerCertificates(
                            b -> b.listenerArn(listenerArn).certificates(add)));
        }
        if (!remove.isEmpty()) {
            errors.call(
                    "RemoveListenerCertificates",
                    "listener",
                    listenerArn,
                    () -> client.removeListenerCertificates(
                            b -> b.listenerArn(listenerArn).certificates(remove)));
        }
    }

    /** Calls {@code page} with null, then each NextMarker, until there is none (bounded). */
    private void pages(String operation, String subjectKind, String subjectId, Function<String, String> page) {
        String marker = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            String current = marker;
            marker = errors.call(operation, subjectKind, subjectId, () -> page.apply(current));
            if (marker == null || marker.isEmpty()) {
                return;
            }
        }
        throw new CoreException.Unavailable(
                Elbv2Errors.SERVICE, operation + " returned more than " + MAX_PAGES + " pages; stopped", null);
    }
}
