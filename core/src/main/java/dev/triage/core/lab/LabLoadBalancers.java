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
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.LoadBalancerAttributes.Setting;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RuleLimits;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * lab:targetgroup/<name>}. The rule writes (modifyRule, createRule, deleteRule, setRulePriorities)
 * are each one config push; the listener writes (modifyListener, createHttpsListener, deleteListener) are Invalid
 * ("not supported by the lab adapter yet") and the lab offers no SSL policies. Attributes are what the edge
 * agent really has: its access log (on or off, and where) from its config; the other ELBv2 settings are not
 * applicable, each saying why.
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
        AgentConfig next = config.withListeners(listeners);
        call(client.pushConfig(edge, next, read.etag()), "PUT /admin/config");
        return rules(config().config(), LabMapping.listenerArn(listenerName)).stream()
                .filter(r -> r.arn().equals(ruleArn))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", ruleArn));
    }

    /**
     * Moves rules in one config push. Conflict when a priority is held by a rule of the same
     * listener that is not moved; Invalid for the default rule, the default priority, or two rules
     * moved to one priority; NotFound for an unknown rule. Returns the moved rules as read back.
     */
    @Override
    public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
        requireNonNull(priorities, "priorities");
        if (priorities.isEmpty()) {
            return List.of();
        }
        VersionedConfig read = config();
        AgentConfig config = read.config();
        Map<String, Map<String, Integer>> moves = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, RulePriority> entry : priorities.entrySet()) {
            RuleRef ref = ruleRef(config, entry.getKey());
            RulePriority priority = entry.getValue();
            if (ref.isDefault() || priority == null || priority.isDefault()) {
                problems.add("priority of " + entry.getKey() + ": " + (priority == null ? null : priority.text())
                        + " (expected: " + RulePriority.MIN + ".." + RulePriority.MAX
                        + "; the default rule cannot move)");
                continue;
            }
            moves.computeIfAbsent(ref.listener(), k -> new LinkedHashMap<>())
                    .put(ref.rule(), ((RulePriority.Numbered) priority).value());
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("SetRulePriorities", problems);
        }
        for (Map.Entry<String, Map<String, Integer>> byListener : moves.entrySet()) {
            var listener = listener(config, byListener.getKey());
            Map<String, Integer> moved = byListener.getValue();
            Map<Integer, String> taken = new HashMap<>();
            for (var rule : listener.rules()) {
                if (!moved.containsKey(rule.name())) {
                    taken.put(rule.priority(), rule.name());
                }
            }
            Map<Integer, String> targets = new HashMap<>();
            for (Map.Entry<String, Integer> move : moved.entrySet()) {
                String holder = taken.get(move.getValue());
                if (holder != null) {
                    throw new CoreException.Conflict("SetRulePriorities: priority " + move.getValue()
                            + " is already used by rule " + LabMapping.ruleArn(listener.name(), holder)
                            + "; choose a free priority or move that rule too");
                }
                String twice = targets.putIfAbsent(move.getValue(), move.getKey());
                if (twice != null) {
                    throw new CoreException.Invalid(
                            "SetRulePriorities",
                            List.of("priority: " + move.getValue() + " for both " + twice + " and " + move.getKey()
                                    + " (expected: one rule per priority)"));
                }
            }
        }
        List<dev.triage.agent.api.config.Listener> listeners = new ArrayList<>();
        for (var listener : config.listeners()) {
            Map<String, Integer> moved = moves.get(listener.name());
            listeners.add(
                    moved == null
                            ? listener
                            : withRules(
                                    listener,
                                    listener.rules().stream()
                                            .map(r -> moved.containsKey(r.name())
                                                    ? new dev.triage.agent.api.config.Rule(
                                                            r.name(),
                                                            moved.get(r.name()),
                                                            r.conditions(),
                                                            r.action(),
                                                            r.policy())
                                                    : r)
                                            .toList()));
        }
        push(read, listeners);
        AgentConfig now = config().config();
        List<Rule> result = new ArrayList<>();
        for (String listenerName : moves.keySet()) {
            rules(now, LabMapping.listenerArn(listenerName)).stream()
                    .filter(r -> priorities.containsKey(r.arn()))
                    .forEach(result::add);
        }
        result.sort(Comparator.comparing(Rule::priority));
        return List.copyOf(result);
    }

    /**
     * Adds a rule named {@code rule-<priority>} (made unique) with no route policy. Conflict when
     * the priority is in use on the listener; Invalid for the default priority, a rule the domain
     * or the edge refuses, a target group the edge does not have, or when the load balancer
     * already has {@value RuleLimits#DEFAULT_RULES_PER_LOAD_BALANCER} rules (ALB's default quota);
     * NotFound for an unknown listener.
     */
    @Override
    public Rule createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(priority, "priority");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        VersionedConfig read = config();
        AgentConfig config = read.config();
        var listener = listener(config, LabMapping.name(LabMapping.LISTENER, listenerArn));
        if (!(priority instanceof RulePriority.Numbered(int value))) {
            throw new CoreException.Invalid(
                    "CreateRule " + listenerArn,
                    List.of("priority: default (expected: " + RulePriority.MIN + ".." + RulePriority.MAX
                            + "; every listener already has its default rule)"));
        }
        new Rule(LabMapping.ruleArn(listener.name(), "new"), listenerArn, priority, conditions, actions);
        var action = singleAction(listenerArn, actions, config);
        for (var rule : listener.rules()) {
            if (rule.priority() == value) {
                throw new CoreException.Conflict("CreateRule: priority " + value + " is already used by rule "
                        + LabMapping.ruleArn(listener.name(), rule.name())
                        + "; choose a free priority or move that rule first");
            }
        }
        long count =
                config.listeners().stream().mapToLong(l -> l.rules().size()).sum();
        if (count >= RuleLimits.DEFAULT_RULES_PER_LOAD_BALANCER) {
            throw new CoreException.Invalid(
                    "CreateRule " + listenerArn,
                    List.of("rules: " + (count + 1) + " (expected: at most "
                            + RuleLimits.DEFAULT_RULES_PER_LOAD_BALANCER + " per load balancer, ALB's default quota)"));
        }
        String name = freeRuleName(config, "rule-" + value);
        List<dev.triage.agent.api.config.Rule> rules = new ArrayList<>(listener.rules());
        rules.add(new dev.triage.agent.api.config.Rule(
                name,
                value,
                conditions.stream().map(LabMapping::condition).toList(),
                action,
                dev.triage.agent.api.config.RoutePolicy.NONE));
        push(read, replace(config, withRules(listener, rules)));
        return readRule(LabMapping.ruleArn(listener.name(), name));
    }

    /** Removes a rule in one config push. Invalid for the default rule; NotFound if no rule. */
    @Override
    public void deleteRule(String ruleArn) {
        requireNonNull(ruleArn, "ruleArn");
        VersionedConfig read = config();
        AgentConfig config = read.config();
        RuleRef ref = ruleRef(config, ruleArn);
        if (ref.isDefault()) {
            throw new CoreException.Invalid(
                    "DeleteRule " + ruleArn,
                    List.of("rule: the default rule (expected: a numbered rule; the listener needs its default)"));
        }
        var listener = listener(config, ref.listener());
        push(
                read,
                replace(
                        config,
                        withRules(
                                listener,
                                listener.rules().stream()
                                        .filter(r -> !r.name().equals(ref.rule()))
                                        .toList())));
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
    public void deleteListener(String listenerArn) {
        throw unsupported("deleteListener");
    }

    @Override
    public List<SslPolicy> sslPolicies() {
        return List.of();
    }

    /**
     * What the edge agent has: its access log from its config (enabled, and the file it writes, {@code -} for standard
     * output); deletion protection, the idle timeout, dropping invalid header fields, desync mitigation, the TLS
     * headers, HTTP/2 and WAF are not settings the agent has, so they are not applicable.
     */
    @Override
    public LoadBalancerAttributes loadBalancerAttributes(String loadBalancerArn) {
        requireLoadBalancer(loadBalancerArn);
        var accessLog = config().config().accessLog();
        String destination = accessLog.path() == null || accessLog.path().isBlank() ? null : accessLog.path();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("accessLog.enabled", Boolean.toString(accessLog.enabled()));
        if (destination != null) {
            raw.put("accessLog.path", destination);
        }
        return new LoadBalancerAttributes(
                loadBalancerArn,
                Setting.notApplicable(
                        "the lab's edge agent cannot be deleted through an API, so there is nothing to" + " protect"),
                Setting.notApplicable("the edge agent's idle timeout is fixed in its code, not a setting"),
                Setting.notApplicable(
                        "the edge agent has no drop_invalid_header_fields setting; its HTTP parser" + " decides alone"),
                Setting.notApplicable("the edge agent has no desync mitigation mode setting"),
                Setting.known(new LoadBalancerAttributes.AccessLogging(accessLog.enabled(), destination)),
                Setting.notApplicable("the edge agent adds no x-amzn-tls-version or cipher suite headers"),
                Setting.notApplicable("the edge agent's HTTP versions are not a setting"),
                Setting.notApplicable("the lab has no web application firewall"),
                raw);
    }

    /**
     * For each rule of the listener whose route policy has a required-header gate (the CDN's secret header), the
     * header's name; rules without one are absent. A gate answers 403 to a request without the header, which is what
     * an ALB rule with an http-header condition and a fixed 403 behind it does. NotFound for an unknown listener.
     */
    public Map<String, String> requiredHeaders(String listenerArn) {
        requireNonNull(listenerArn, "listenerArn");
        var listener = listener(config().config(), LabMapping.name(LabMapping.LISTENER, listenerArn));
        Map<String, String> result = new LinkedHashMap<>();
        for (var rule : listener.rules()) {
            var gates = rule.policy().gates();
            if (gates != null
                    && gates.requiredHeader() != null
                    && gates.requiredHeader().name() != null) {
                result.put(
                        LabMapping.ruleArn(listener.name(), rule.name()),
                        gates.requiredHeader().name());
            }
        }
        return result;
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

    /** A rule id taken apart: its listener's name and the rule's name ("default" for the default rule). */
    private record RuleRef(String listener, String rule) {
        boolean isDefault() {
            return rule.equals(LabMapping.DEFAULT_RULE);
        }
    }

    /** The rule {@code ruleArn} names in {@code config}; NotFound when there is none. */
    private static RuleRef ruleRef(AgentConfig config, String ruleArn) {
        String rest = LabMapping.name(LabMapping.RULE, ruleArn);
        int slash = rest == null ? -1 : rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new CoreException.NotFound("rule", String.valueOf(ruleArn));
        }
        RuleRef ref = new RuleRef(rest.substring(0, slash), rest.substring(slash + 1));
        var listener = config.listeners().stream()
                .filter(l -> l.name().equals(ref.listener()))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", ruleArn));
        if (!ref.isDefault()
                && listener.rules().stream().noneMatch(r -> r.name().equals(ref.rule()))) {
            throw new CoreException.NotFound("rule", ruleArn);
        }
        return ref;
    }

    private static dev.triage.agent.api.config.Listener listener(AgentConfig config, String name) {
        return config.listeners().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new CoreException.NotFound("listener", LabMapping.listenerArn(String.valueOf(name))));
    }

    private static dev.triage.agent.api.config.Action singleAction(
            String subject, List<Action> actions, AgentConfig config) {
        if (actions.size() != 1) {
            throw new CoreException.Invalid(
                    "rule " + subject,
                    List.of("actions: " + actions.size() + " (expected: exactly one of forward, redirect or "
                            + "fixed-response)"));
        }
        return LabMapping.action(actions.getFirst(), config);
    }

    private static String freeRuleName(AgentConfig config, String base) {
        java.util.Set<String> names = new java.util.HashSet<>();
        config.listeners().forEach(l -> l.rules().forEach(r -> names.add(r.name())));
        names.add(LabMapping.DEFAULT_RULE);
        String name = base;
        for (int i = 2; names.contains(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static dev.triage.agent.api.config.Listener withRules(
            dev.triage.agent.api.config.Listener listener, List<dev.triage.agent.api.config.Rule> rules) {
        return new dev.triage.agent.api.config.Listener(
                listener.name(),
                listener.protocol(),
                listener.bindAddress(),
                listener.port(),
                rules,
                listener.defaultAction(),
                listener.tls());
    }

    private static List<dev.triage.agent.api.config.Listener> replace(
            AgentConfig config, dev.triage.agent.api.config.Listener changed) {
        return config.listeners().stream()
                .map(l -> l.name().equals(changed.name()) ? changed : l)
                .toList();
    }

    /** Pushes the config with these listeners, If-Match the config read: Conflict if it changed since. */
    private void push(VersionedConfig read, List<dev.triage.agent.api.config.Listener> listeners) {
        AgentConfig config = read.config();
        AgentConfig next = config.withListeners(listeners);
        call(client.pushConfig(edge, next, read.etag()), "PUT /admin/config");
    }

    private Rule readRule(String ruleArn) {
        String listenerArn =
                LabMapping.listenerArn(ruleRef(config().config(), ruleArn).listener());
        return rules(config().config(), listenerArn).stream()
                .filter(r -> r.arn().equals(ruleArn))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", ruleArn));
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
