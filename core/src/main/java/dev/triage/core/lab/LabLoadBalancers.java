package dev.triage.core.lab;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.client.ConfigConflictException;
import dev.triage.agent.client.ConfigRejectedException;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.port.LoadBalancers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The lab's edge agent seen as one Application Load Balancer: its listeners, rules and target
 * groups read through the agent's admin API, and rule changes pushed back as a whole config with
 * If-Match of the config read, so a concurrent change is a {@link CoreException.Conflict}.
 *
 * <p>Ids: {@code lab:loadbalancer/<edge>}, {@code lab:listener/<listener>}, {@code
 * lab:rule/<listener>/<rule>} ({@code .../default} for the listener's default action) and {@code
 * lab:targetgroup/<name>}. Only {@link #modifyRule} writes; the other writes are Invalid.
 */
public final class LabLoadBalancers implements LoadBalancers, AutoCloseable {

    /** The place every lab resource reports: no AWS account, no region. */
    public static final Place PLACE = new Place("lab", "local");

    static final String UNSUPPORTED = "not supported by the lab adapter yet";

    private final LabDescription description;
    private final AgentClient client;
    private final boolean ownsClient;
    private final AgentEndpoint edge;
    private final String loadBalancerArn;

    /** Uses {@code client} and leaves it open on {@link #close}. */
    public LabLoadBalancers(LabDescription description, AgentClient client) {
        this(description, client, false);
    }

    private LabLoadBalancers(LabDescription description, AgentClient client, boolean ownsClient) {
        this.description = requireNonNull(description, "description");
        this.client = requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        LabDescription.Agent agent = description.edge();
        this.edge = new AgentEndpoint(agent.name(), URI.create(agent.admin()), agent.token());
        this.loadBalancerArn = LabMapping.LOAD_BALANCER + agent.name();
    }

    /** Reads the describe file and opens its own client, closed with this. */
    public static LabLoadBalancers open(Path describeFile) {
        return new LabLoadBalancers(LabDescription.read(describeFile), AgentClient.create(), true);
    }

    public String loadBalancerArn() {
        return loadBalancerArn;
    }

    @Override
    public List<LoadBalancer> loadBalancers() {
        URI address = URI.create(description.loadBalancer());
        String dnsName = address.getHost() == null ? description.loadBalancer() : address.getAuthority();
        String name = description.edge().name();
        return List.of(new LoadBalancer(
                loadBalancerArn,
                name,
                dnsName,
                LoadBalancer.Scheme.INTERNET_FACING,
                LoadBalancer.Type.APPLICATION,
                "lab",
                LoadBalancer.State.ACTIVE,
                PLACE));
    }

    @Override
    public List<Listener> listeners(String loadBalancerArn) {
        requireLoadBalancer(loadBalancerArn);
        return config().config().listeners().stream().map(this::listener).toList();
    }

    @Override
    public List<Rule> rules(String listenerArn) {
        return rules(config().config(), listenerArn);
    }

    @Override
    public List<TargetGroup> targetGroups(String loadBalancerArn) {
        requireLoadBalancer(loadBalancerArn);
        return config().config().targetGroups().stream().map(this::targetGroup).toList();
    }

    @Override
    public List<TargetHealth> targetHealth(String targetGroupArn) {
        AgentConfig config = config().config();
        var group = targetGroup(config, targetGroupArn);
        AgentStats stats = call(client.stats(edge), "GET /admin/stats");
        TargetGroupStats groupStats = stats.targetGroups().get(group.name());
        List<TargetHealth> health = new ArrayList<>();
        for (var target : group.targets()) {
            String address = target.host() + ":" + target.port();
            TargetStats targetStats = groupStats == null
                    ? null
                    : groupStats.targets().stream()
                            .filter(t -> address.equals(t.target()))
                            .findFirst()
                            .orElse(null);
            if (targetStats == null) {
                health.add(new TargetHealth(
                        target.host(),
                        target.port(),
                        TargetHealth.State.UNUSED,
                        "Target.NotInUse",
                        "the edge reports no health for this target"));
            } else if (targetStats.healthy()) {
                health.add(new TargetHealth(target.host(), target.port(), TargetHealth.State.HEALTHY, null, null));
            } else {
                health.add(new TargetHealth(
                        target.host(),
                        target.port(),
                        TargetHealth.State.UNHEALTHY,
                        "Target.FailedHealthChecks",
                        targetStats.consecutiveFailures() + " consecutive failures"));
            }
        }
        return health;
    }

    @Override
    public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        VersionedConfig read = config();
        AgentConfig config = read.config();
        String rest = LabMapping.name(LabMapping.RULE, ruleArn);
        int slash = rest == null ? -1 : rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new CoreException.NotFound("rule", ruleArn);
        }
        String listenerName = rest.substring(0, slash);
        String ruleName = rest.substring(slash + 1);
        var listener = config.listeners().stream()
                .filter(l -> l.name().equals(listenerName))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", ruleArn));
        if (actions.size() != 1) {
            throw new CoreException.Invalid(
                    "rule " + ruleArn,
                    List.of("actions: " + actions.size() + " (expected: exactly one of forward, redirect or "
                            + "fixed-response)"));
        }
        var action = LabMapping.action(actions.getFirst(), config);
        dev.triage.agent.api.config.Listener changed;
        if (ruleName.equals(LabMapping.DEFAULT_RULE)) {
            if (!conditions.isEmpty()) {
                throw new CoreException.Invalid(
                        "rule " + ruleArn,
                        List.of("conditions: " + conditions.size() + " (expected: none on the default rule)"));
            }
            changed = new dev.triage.agent.api.config.Listener(
                    listener.name(),
                    listener.protocol(),
                    listener.bindAddress(),
                    listener.port(),
                    listener.rules(),
                    action,
                    listener.tls());
        } else {
            List<dev.triage.agent.api.config.Rule> rules = new ArrayList<>();
            boolean found = false;
            for (var rule : listener.rules()) {
                if (rule.name().equals(ruleName)) {
                    found = true;
                    rules.add(new dev.triage.agent.api.config.Rule(
                            rule.name(),
                            rule.priority(),
                            conditions.stream().map(LabMapping::condition).toList(),
                            action,
                            rule.policy()));
                } else {
                    rules.add(rule);
                }
            }
            if (!found) {
                throw new CoreException.NotFound("rule", ruleArn);
            }
            changed = new dev.triage.agent.api.config.Listener(
                    listener.name(),
                    listener.protocol(),
                    listener.bindAddress(),
                    listener.port(),
                    rules,
                    listener.defaultAction(),
                    listener.tls());
        }
        List<dev.triage.agent.api.config.Listener> listeners = config.listeners().stream()
                .map(l -> l.name().equals(listenerName) ? changed : l)
                .toList();
        AgentConfig next =
                new AgentConfig(config.version(), listeners, config.targetGroups(), config.cache(), config.accessLog());
        call(client.pushConfig(edge, next, read.etag()), "PUT /admin/config");
        return rules(config().config(), LabMapping.listenerArn(listenerName)).stream()
                .filter(r -> r.arn().equals(ruleArn))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", ruleArn));
    }

    @Override
    public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        throw unsupported("setRulePriorities");
    }

    @Override
    public Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        throw unsupported("createRule");
    }

    @Override
    public void deleteRule(String ruleArn) {
        throw unsupported("deleteRule");
    }

    @Override
    public Listener modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        throw unsupported("modifyListener");
    }

    @Override
    public Listener createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        throw unsupported("createHttpsListener");
    }

    @Override
    public List<SslPolicy> sslPolicies() {
        return List.of();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private static CoreException unsupported(String operation) {
        return new CoreException.Invalid(operation, List.of(UNSUPPORTED));
    }

    private void requireLoadBalancer(String arn) {
        if (!loadBalancerArn.equals(arn)) {
            throw new CoreException.NotFound("load balancer", String.valueOf(arn));
        }
    }

    private VersionedConfig config() {
        return call(client.config(edge), "GET /admin/config");
    }

    private List<Rule> rules(AgentConfig config, String listenerArn) {
        String name = LabMapping.name(LabMapping.LISTENER, listenerArn);
        var listener = config.listeners().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("listener", String.valueOf(listenerArn)));
        List<Rule> rules = new ArrayList<>();
        for (var rule : listener.rules()) {
            rules.add(new Rule(
                    LabMapping.ruleArn(listener.name(), rule.name()),
                    listenerArn,
                    RulePriority.of(rule.priority()),
                    rule.conditions().stream().map(LabMapping::condition).toList(),
                    List.of(LabMapping.action(rule.action()))));
        }
        rules.sort(Comparator.comparing(Rule::priority));
        rules.add(new Rule(
                LabMapping.ruleArn(listener.name(), LabMapping.DEFAULT_RULE),
                listenerArn,
                RulePriority.DEFAULT,
                List.of(),
                List.of(LabMapping.action(listener.defaultAction()))));
        return List.copyOf(rules);
    }

    private Listener listener(dev.triage.agent.api.config.Listener listener) {
        boolean https = listener.secure();
        List<String> certificates = https && listener.tls() != null
                ? List.of("lab:certificate/" + listener.tls().certificateChainFile())
                : List.of();
        return new Listener(
                LabMapping.listenerArn(listener.name()),
                loadBalancerArn,
                https ? Protocol.HTTPS : Protocol.HTTP,
                listener.port(),
                certificates,
                https ? "lab:agent-tls" : null,
                List.of(LabMapping.action(listener.defaultAction())));
    }

    private dev.triage.agent.api.config.TargetGroup targetGroup(AgentConfig config, String arn) {
        String name = LabMapping.name(LabMapping.TARGET_GROUP, arn);
        return config.targetGroups().stream()
                .filter(tg -> tg.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("target group", String.valueOf(arn)));
    }

    private TargetGroup targetGroup(dev.triage.agent.api.config.TargetGroup group) {
        var check = group.healthCheck();
        int port = group.targets().isEmpty() ? 80 : group.targets().getFirst().port();
        TargetGroup.HealthCheck health = check == null
                ? null
                : new TargetGroup.HealthCheck(
                        Protocol.HTTP,
                        check.path(),
                        "traffic-port",
                        Duration.ofSeconds(clamp(check.intervalMs() / 1000, 5, 300)),
                        Duration.ofSeconds(clamp(check.timeoutMs() / 1000, 2, 120)),
                        clamp(check.healthyThreshold(), 2, 10),
                        clamp(check.unhealthyThreshold(), 2, 10),
                        "200-399");
        if (health == null) {
            health = new TargetGroup.HealthCheck(
                    Protocol.HTTP, "/", "traffic-port", Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, "200-399");
        }
        if (health.timeout().compareTo(health.interval()) >= 0) {
            health = new TargetGroup.HealthCheck(
                    health.protocol(),
                    health.path(),
                    health.port(),
                    health.interval(),
                    health.interval().minusSeconds(1).compareTo(Duration.ofSeconds(2)) < 0
                            ? Duration.ofSeconds(2)
                            : health.interval().minusSeconds(1),
                    health.healthyThreshold(),
                    health.unhealthyThreshold(),
                    health.matcher());
        }
        return new TargetGroup(
                LabMapping.targetGroupArn(group.name()),
                group.name(),
                Protocol.HTTP,
                port,
                false,
                null,
                health,
                List.of(loadBalancerArn));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private <T> T call(CompletableFuture<T> future, String operation) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw translate(cause, operation);
        }
    }

    private RuntimeException translate(Throwable failure, String operation) {
        return switch (failure) {
            case ConfigConflictException conflict ->
                new CoreException.Conflict(
                        "the edge's config changed since it was read (now " + conflict.currentHash() + ")", conflict);
            case ConfigRejectedException rejected ->
                new CoreException.Invalid(
                        "edge config",
                        rejected.errors().stream().map(Object::toString).toList(),
                        rejected);
            case dev.triage.agent.client.AgentUnauthorizedException denied ->
                new CoreException.Denied(operation, "the edge refused the admin token", denied);
            case CoreException core -> core;
            default -> new CoreException.Unavailable("lab edge agent " + edge.name(), failure.getMessage(), failure);
        };
    }
}
