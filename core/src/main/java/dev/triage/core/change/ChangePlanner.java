package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Computes change plans from the live state read through the port: the resources before and
 * after, and the exact calls (see {@link Transition}). Plans only; {@link ChangeApplier} applies
 * them, and every plan it applies has an exact inverse that undo applies the same way.
 *
 * <p>For the console's editors: {@link #shiftWeights}, {@link #modifyRule}, {@link #editRule}, {@link #createRule},
 * {@link #deleteRule}, {@link #setRulePriorities}, {@link #modifyListener}, {@link
 * #createHttpsListener}, {@link #setSslPolicy}. For remediations: {@link #blockSources}, {@link
 * #requireHeader}, {@link #redirectHttpToHttps}. Each reads what it needs, checks the request
 * against ALB's limits and the live state (Invalid, Conflict or NotFound, naming value and
 * expectation, before anything is planned), and returns a plan that {@link PlanPreview} shows in
 * a few lines.
 */
public final class ChangePlanner {

    /** A rule created by a plan has this ARN until the provider gives it its own. */
    static final String PROVISIONAL = "new:";

    /** What a block rule and a header-less request are answered with. */
    static final FixedResponse FORBIDDEN = new FixedResponse(403, "text/plain", "Forbidden");

    /** Source blocks per rule: one source-ip condition holds at most 3 values (and a rule 5 in all). */
    static final int BLOCKS_PER_RULE = Math.min(Condition.MAX_VALUES, Rule.MAX_CONDITION_VALUES);

    private final LoadBalancers loadBalancers;
    private final Supplier<String> ids;

    public ChangePlanner(LoadBalancers loadBalancers) {
        this(loadBalancers, () -> UUID.randomUUID().toString());
    }

    public ChangePlanner(LoadBalancers loadBalancers, Supplier<String> ids) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.ids = requireNonNull(ids, "ids");
    }

    /**
     * Sets the weights of some of a forwarding rule's target groups (the others keep theirs).
     * Invalid when a group is not in the rule's forward, a weight is outside 0..999, every weight
     * would be 0, or nothing would change; NotFound when there is no such rule.
     */
    public ChangePlan shiftWeights(String ruleArn, Map<String, Integer> weights) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(weights, "weights");
        Rule live = findRule(ruleArn);
        String subject = "weight shift of rule " + live.priority().text();
        if (!(live.action() instanceof Forward forward)) {
            throw new CoreException.Invalid(
                    subject, List.of("action: " + live.action().type() + " (expected: forward)"));
        }
        List<String> problems = new ArrayList<>();
        if (weights.isEmpty()) {
            problems.add("weights: none (expected: at least one target group and weight)");
        }
        List<String> groups = forward.targetGroups().stream()
                .map(WeightedTargetGroup::targetGroupArn)
                .toList();
        Forward shifted = forward;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            String group = entry.getKey();
            Integer weight = entry.getValue();
            if (group == null || !groups.contains(group)) {
                problems.add("target group: " + group + " (expected: one of " + groups + ")");
            } else if (weight == null
                    || weight < WeightedTargetGroup.MIN_WEIGHT
                    || weight > WeightedTargetGroup.MAX_WEIGHT) {
                problems.add("weight of " + TargetGroup.nameOf(group) + ": " + weight + " (expected: "
                        + WeightedTargetGroup.MIN_WEIGHT + ".." + WeightedTargetGroup.MAX_WEIGHT + ")");
            } else {
                shifted = shifted.withWeight(group, weight);
            }
        }
        if (problems.isEmpty() && shifted.totalWeight() == 0) {
            problems.add("weights: all 0 (expected: at least one target group with a weight above 0)");
        }
        if (problems.isEmpty() && shifted.equals(forward)) {
            problems.add("weights: the same as now (expected: a change)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid(subject, problems);
        }
        return plan(
                "shift weights of rule " + live.priority().text(), List.of(live), List.of(withAction(live, shifted)));
    }

    // ------------------------------------------------------------------ the rule editor

    /**
     * Replaces a rule's conditions and actions (ModifyRule); its priority stays. For the default
     * rule, the conditions must be empty and the actions are the listener's default action (on
     * ELBv2 the adapter sends ModifyListener; the lab changes the edge's default action), which is
     * how to change a listener's default action on every adapter, the lab included. Invalid when
     * the rule would break ALB's limits (see {@link Rule}) or nothing would change; NotFound when
     * there is no such rule. Inverse: the previous conditions and actions.
     */
    public ChangePlan modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        Rule live = findRule(ruleArn);
        Rule changed = live.with(conditions, actions);
        if (changed.equals(live)) {
            throw new CoreException.Invalid(
                    "rule " + live.priority().text(),
                    List.of("conditions and actions: the same as now (expected: a change)"));
        }
        String title = live.isDefault()
                ? "change the default action of listener " + live.listenerArn() + " to "
                        + PlanPreview.describe(changed.action())
                : "edit rule " + live.priority().text() + " of listener " + live.listenerArn();
        return plan(title, List.of(live), List.of(changed));
    }

    /**
     * Changes a numbered rule's priority, conditions and actions in one plan (SetRulePriorities
     * and ModifyRule, as needed); the rule editor's save. Invalid for the default rule or priority
     * (use {@link #modifyRule} for the default rule's action) and when nothing would change;
     * Conflict when another rule of the listener holds {@code priority}; NotFound when there is no
     * such rule. Inverse: the previous priority, conditions and actions.
     */
    public ChangePlan editRule(
            String ruleArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        requireNonNull(ruleArn, "ruleArn");
        requireNonNull(priority, "priority");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        Rule live = findRule(ruleArn);
        if (live.isDefault() || priority.isDefault()) {
            throw new CoreException.Invalid(
                    "rule " + live.priority().text(),
                    List.of("priority: " + live.priority().text() + " -> " + priority.text()
                            + " (expected: a numbered rule at " + RulePriority.MIN + ".." + RulePriority.MAX
                            + "; the default rule stays last)"));
        }
        Rule changed = new Rule(live.arn(), live.listenerArn(), priority, conditions, actions);
        if (changed.equals(live)) {
            throw new CoreException.Invalid(
                    "rule " + live.priority().text(),
                    List.of("priority, conditions and actions: the same as now (expected: a change)"));
        }
        rules(live.listenerArn()).stream()
                .filter(r -> r.priority().equals(priority) && !r.arn().equals(live.arn()))
                .findFirst()
                .ifPresent(holder -> {
                    throw new CoreException.Conflict("priority " + priority.text() + " is already used by rule "
                            + holder.arn() + "; choose a free priority or move that rule first");
                });
        String moved = priority.equals(live.priority()) ? "" : " (moved to " + priority.text() + ")";
        return plan(
                "edit rule " + live.priority().text() + " of listener " + live.listenerArn() + moved,
                List.of(live),
                List.of(changed));
    }

    /**
     * Adds a rule at {@code priority} (CreateRule). Invalid for the default priority or a rule
     * beyond ALB's limits; Conflict when the priority is in use (naming the rule that holds it);
     * NotFound when there is no such listener. Inverse: delete the rule the provider created.
     */
    public ChangePlan createRule(
            String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(priority, "priority");
        requireNonNull(conditions, "conditions");
        requireNonNull(actions, "actions");
        if (priority.isDefault()) {
            throw new CoreException.Invalid(
                    "new rule",
                    List.of("priority: default (expected: " + RulePriority.MIN + ".." + RulePriority.MAX
                            + "; every listener already has its default rule)"));
        }
        List<Rule> rules = rules(listenerArn);
        Rule planned = new Rule(provisionalArn(listenerArn, priority), listenerArn, priority, conditions, actions);
        rules.stream().filter(r -> r.priority().equals(priority)).findFirst().ifPresent(holder -> {
            throw new CoreException.Conflict("priority " + priority.text() + " is already used by rule " + holder.arn()
                    + "; choose a free priority or move that rule first");
        });
        return plan("add rule " + priority.text() + " to listener " + listenerArn, List.of(), List.of(planned));
    }

    /**
     * Removes a numbered rule (DeleteRule). Invalid for the default rule; NotFound when there is
     * no such rule. Inverse: the same rule created again at the same priority with the same
     * conditions and actions; the provider gives it a new ARN, which the journal records, so undo
     * of that undo deletes the new rule.
     */
    public ChangePlan deleteRule(String ruleArn) {
        requireNonNull(ruleArn, "ruleArn");
        Rule live = findRule(ruleArn);
        if (live.isDefault()) {
            throw new CoreException.Invalid(
                    "rule " + ruleArn,
                    List.of("rule: the default rule (expected: a numbered rule; the listener needs its default)"));
        }
        return plan(
                "delete rule " + live.priority().text() + " of listener " + live.listenerArn(),
                List.of(live),
                List.of());
    }

    /**
     * Moves rules to new priorities in one SetRulePriorities call (so two rules can swap). Invalid
     * for the default rule or priority, or when nothing would move; Conflict when a priority is
     * held by a rule of the same listener that is not moved, or two rules would share one;
     * NotFound for an unknown rule. Inverse: the previous priorities.
     */
    public ChangePlan setRulePriorities(Map<String, RulePriority> priorities) {
        requireNonNull(priorities, "priorities");
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Rule> moved = new LinkedHashMap<>();
        for (Map.Entry<String, RulePriority> entry : priorities.entrySet()) {
            Rule live = findRule(requireNonNull(entry.getKey(), "rule"));
            RulePriority to = entry.getValue();
            if (live.isDefault() || to == null || to.isDefault()) {
                problems.add("priority of rule " + live.priority().text() + ": " + (to == null ? null : to.text())
                        + " (expected: a numbered rule moved to " + RulePriority.MIN + ".." + RulePriority.MAX + ")");
            } else if (!to.equals(live.priority())) {
                moved.put(live.arn(), live.withPriority(to));
                before.add(live);
            }
        }
        if (problems.isEmpty() && moved.isEmpty()) {
            problems.add("priorities: the same as now (expected: a change)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("rule priorities", problems);
        }
        Map<String, Set<String>> byListener = new HashMap<>();
        for (Rule rule : moved.values()) {
            String key = rule.listenerArn() + " " + rule.priority().text();
            for (Rule other : rules(rule.listenerArn())) {
                if (other.priority().equals(rule.priority()) && !moved.containsKey(other.arn())) {
                    throw new CoreException.Conflict(
                            "priority " + rule.priority().text() + " is already used by rule " + other.arn()
                                    + "; move that rule too or choose a free priority");
                }
            }
            Set<String> holders = byListener.computeIfAbsent(key, k -> new LinkedHashSet<>());
            holders.add(rule.arn());
            if (holders.size() > 1) {
                throw new CoreException.Conflict("priority " + rule.priority().text() + " is planned for rules "
                        + holders + " (expected: one rule per priority)");
            }
            after.add(rule);
        }
        String moves = before.stream()
                .map(r -> ((Rule) r).priority().text() + " -> "
                        + moved.get(r.arn()).priority().text())
                .collect(Collectors.joining(", "));
        return plan("move rules " + moves, before, after);
    }

    // ------------------------------------------------------------------ listeners and TLS

    /**
     * Changes a listener (ModifyListener); a null argument keeps what is there. Certificates (the
     * first is the default) and the SSL policy are for HTTPS listeners; the policy must be one the
     * provider offers. Invalid otherwise or when nothing would change; NotFound when there is no
     * such listener. Inverse: the previous values. The lab adapter refuses listener writes (the
     * apply fails with nothing changed); to change only the default action everywhere, use {@link
     * #modifyRule} on the listener's default rule.
     */
    public ChangePlan modifyListener(
            String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
        requireNonNull(listenerArn, "listenerArn");
        Listener live = findListener(listenerArn);
        if (sslPolicy != null) {
            requireOffered(sslPolicy);
        }
        Listener changed = new Listener(
                live.arn(),
                live.loadBalancerArn(),
                live.protocol(),
                live.port(),
                certificateArns == null ? live.certificateArns() : certificateArns,
                sslPolicy == null ? live.sslPolicy() : sslPolicy,
                defaultActions == null ? live.defaultActions() : defaultActions);
        if (changed.equals(live)) {
            throw new CoreException.Invalid(
                    "listener " + live.protocol() + " " + live.port(),
                    List.of("default actions, certificates and SSL policy: the same as now (expected: a change)"));
        }
        return plan(
                "change listener " + live.protocol() + " " + live.port() + ": "
                        + PlanPreview.listenerChange(live, changed),
                List.of(live),
                List.of(changed));
    }

    /**
     * Sets an HTTPS listener's SSL policy (ModifyListener). Invalid for an HTTP listener, a policy
     * the provider does not offer (the message lists those it does) or the policy in place;
     * NotFound when there is no such listener. Inverse: the previous policy.
     */
    public ChangePlan setSslPolicy(String listenerArn, String policy) {
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(policy, "policy");
        Listener live = findListener(listenerArn);
        if (live.protocol() != Protocol.HTTPS) {
            throw new CoreException.Invalid(
                    "listener " + live.protocol() + " " + live.port(),
                    List.of("protocol: " + live.protocol()
                            + " (expected: HTTPS; an SSL policy is for HTTPS listeners)"));
        }
        if (policy.equals(live.sslPolicy())) {
            throw new CoreException.Invalid(
                    "listener HTTPS " + live.port(), List.of("sslPolicy: " + policy + " already (expected: a change)"));
        }
        return modifyListener(listenerArn, null, null, policy);
    }

    /**
     * Adds an HTTPS listener (CreateListener) with an explicit SSL policy the provider offers,
     * never its default. Invalid for a policy not offered, no certificate or no default action;
     * Conflict when the port has a listener; NotFound when there is no such load balancer. Inverse:
     * delete the listener (refused as drift if rules were added to it since).
     */
    public ChangePlan createHttpsListener(
            String loadBalancerArn,
            int port,
            List<String> certificateArns,
            String sslPolicy,
            List<Action> defaultActions) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        List<Listener> listeners = loadBalancers.listeners(loadBalancerArn);
        if (sslPolicy == null || sslPolicy.isBlank()) {
            throw new CoreException.Invalid(
                    "HTTPS listener on port " + port,
                    List.of("sslPolicy: missing (expected: an explicit policy such as"
                            + " ELBSecurityPolicy-TLS13-1-2-2021-06; the provider's default allows old TLS)"));
        }
        requireOffered(sslPolicy);
        Listener planned = new Listener(
                PROVISIONAL + loadBalancerArn + "/port/" + port,
                loadBalancerArn,
                Protocol.HTTPS,
                port,
                certificateArns,
                sslPolicy,
                defaultActions);
        listeners.stream().filter(l -> l.port() == port).findFirst().ifPresent(holder -> {
            throw new CoreException.Conflict(
                    "port " + port + " already has a listener (" + holder.arn() + "); choose another port");
        });
        return plan("add an HTTPS listener on port " + port + " of " + loadBalancerArn, List.of(), List.of(planned));
    }

    /**
     * Makes an HTTP listener's default action a permanent redirect to HTTPS on port 443, same
     * host, path and query. Invalid when the listener is not HTTP, already redirects so, or its
     * load balancer has no HTTPS listener on port 443 (every client would be sent to a port that
     * does not answer: create it first with {@link #createHttpsListener}); NotFound when there is
     * no such listener. Rules of the listener keep serving what they match over plain HTTP: the
     * plan's title counts them. Changes the default rule, so it works on every adapter. Inverse:
     * the previous default action.
     */
    public ChangePlan redirectHttpToHttps(String listenerArn) {
        requireNonNull(listenerArn, "listenerArn");
        Listener live = findListener(listenerArn);
        String subject = "redirect of listener " + live.protocol() + " " + live.port();
        if (live.protocol() != Protocol.HTTP) {
            throw new CoreException.Invalid(subject, List.of("protocol: " + live.protocol() + " (expected: HTTP)"));
        }
        boolean https443 = loadBalancers.listeners(live.loadBalancerArn()).stream()
                .anyMatch(l -> l.protocol() == Protocol.HTTPS && l.port() == 443);
        if (!https443) {
            throw new CoreException.Invalid(
                    subject,
                    List.of("HTTPS listener on port 443: none on " + live.loadBalancerArn()
                            + " (expected: one, or every client would be redirected to a port that does not answer;"
                            + " add it first)"));
        }
        List<Rule> rules = rules(listenerArn);
        Rule defaultRule = defaultRule(rules, listenerArn);
        Redirect redirect = Redirect.toHttps();
        if (defaultRule.actions().equals(List.of(redirect))) {
            throw new CoreException.Invalid(
                    subject, List.of("default action: " + redirect.describe() + " already (expected: a change)"));
        }
        List<String> serving = rules.stream()
                .filter(r -> !r.isDefault() && !(r.action() instanceof Redirect))
                .map(r -> r.priority().text())
                .toList();
        String title = "redirect HTTP to HTTPS on listener HTTP " + live.port()
                + (serving.isEmpty()
                        ? ""
                        : " (" + serving.size() + " rule(s) still answer over HTTP: priority "
                                + String.join(", ", serving) + ")");
        return plan(title, List.of(defaultRule), List.of(defaultRule.with(List.of(), List.of(redirect))));
    }

    // ------------------------------------------------------------------ remediations

    /**
     * Blocks source addresses at the top of a listener: fixed-response 403 rules with a source-ip
     * condition, at the first free priorities above every rule that serves requests (so nothing
     * the sources send reaches a target group). An address without a prefix length is one host
     * (/32, or /128 for IPv6). ALB allows 3 values in one condition and 5 in a rule, so each rule
     * holds at most {@value #BLOCKS_PER_RULE} sources and more take several rules. Sources an
     * earlier block rule of the listener already holds are left out.
     *
     * <p>Invalid for an address that is not one, when every source is blocked already, or when
     * there are not enough free priorities above the first serving rule (move it down first with
     * {@link #setRulePriorities}); NotFound when there is no such listener. Inverse: delete the
     * created rules.
     *
     * @param reason why, shown in the plan's title (the journal keeps the applier's reason too)
     */
    public ChangePlan blockSources(String listenerArn, List<String> cidrs, String reason) {
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(cidrs, "cidrs");
        List<String> problems = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        for (String cidr : cidrs) {
            String block = cidr == null ? null : asCidr(cidr.strip());
            try {
                new SourceIp(List.of(block));
                sources.add(block);
            } catch (CoreException.Invalid | NullPointerException e) {
                problems.add("source: '" + cidr + "' (expected: an IP address or a CIDR block such as 203.0.113.0/24)");
            }
        }
        if (problems.isEmpty() && sources.isEmpty()) {
            problems.add("sources: none (expected: at least one IP address or CIDR block)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("block", problems);
        }
        List<Rule> rules = rules(listenerArn);
        Set<String> blocked = new TreeSet<>();
        for (Rule rule : rules) {
            if (isBlockRule(rule)) {
                blocked.addAll(((SourceIp) rule.conditions().getFirst()).cidrs());
            }
        }
        List<String> toBlock =
                sources.stream().filter(s -> !blocked.contains(s)).toList();
        if (toBlock.isEmpty()) {
            throw new CoreException.Invalid(
                    "block", List.of("sources: " + sources + " (expected: some not blocked already on this listener)"));
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < toBlock.size(); i += BLOCKS_PER_RULE) {
            chunks.add(toBlock.subList(i, Math.min(toBlock.size(), i + BLOCKS_PER_RULE)));
        }
        Optional<Rule> firstServing =
                rules.stream().filter(r -> !r.isDefault() && !isBlockRule(r)).findFirst();
        int limit = firstServing
                .map(r -> ((RulePriority.Numbered) r.priority()).value())
                .orElse(RulePriority.MAX + 1);
        Set<RulePriority> taken = rules.stream().map(Rule::priority).collect(Collectors.toSet());
        List<RulePriority> free = new ArrayList<>();
        for (int p = RulePriority.MIN; p < limit && free.size() < chunks.size(); p++) {
            if (!taken.contains(RulePriority.of(p))) {
                free.add(RulePriority.of(p));
            }
        }
        if (free.size() < chunks.size()) {
            Rule first = firstServing.orElseThrow();
            throw new CoreException.Invalid(
                    "block",
                    List.of("free priorities above rule " + first.priority().text() + " (" + first.arn() + "): "
                            + free.size() + " (expected: " + chunks.size() + " for the block rule(s), above the first"
                            + " rule that serves requests; move that rule down first)"));
        }
        List<Resource> created = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            RulePriority priority = free.get(i);
            created.add(new Rule(
                    provisionalArn(listenerArn, priority),
                    listenerArn,
                    priority,
                    List.of(new SourceIp(chunks.get(i))),
                    List.of(FORBIDDEN)));
        }
        String why = reason == null || reason.isBlank() ? "" : ": " + oneLine(reason);
        return plan("block " + String.join(", ", toBlock) + " on listener " + listenerArn + why, List.of(), created);
    }

    /**
     * Answers 403 to requests without {@code headerName} set to one of {@code values}, while the
     * listener's rules keep serving requests that carry it. ALB has no "header missing" condition
     * (no negation), so the plan uses the usual pattern:
     *
     * <ul>
     *   <li>every rule that forwards gains an http-header condition {@code headerName is values}
     *       (a rule that already has an http-header condition on that header is left as it is);
     *       redirect and fixed-response rules serve no target group and are left alone;
     *   <li>when the default action serves (forward or redirect), a rule at the last free priority
     *       (from 50000 down) with only that header condition takes over the default action, so a
     *       request with the header that matches no other rule is served as before;
     *   <li>the default action becomes a fixed-response 403: what reaches it lacks the header.
     * </ul>
     *
     * The calls run in that order (rules, the catch-all rule, then the default), so no state in
     * between refuses a request with the header. Undo runs the inverses in reverse: the default
     * action first. Invalid when a forward rule has no room for the condition (ALB: 5 condition
     * values per rule; the message names the rules), the header or values break ALB's limits (40
     * characters for the name, 1..3 values of 128), or everything is required already; NotFound
     * when there is no such listener. The agents' own header gate is the second part of the same
     * remediation: {@code security.CdnHeaderRequirement} applies both. The header's values are secrets: the plan names the header in {@link
     * ChangePlan#secretHeaders()}, so the journal keeps them only as digests.
     */
    public ChangePlan requireHeader(String listenerArn, String headerName, List<String> values) {
        requireNonNull(listenerArn, "listenerArn");
        HttpHeader required = new HttpHeader(headerName, values);
        List<Rule> rules = rules(listenerArn);
        Rule defaultRule = defaultRule(rules, listenerArn);
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.isDefault() || !(rule.action() instanceof Forward) || requiresHeader(rule, headerName)) {
                continue;
            }
            List<Condition> conditions = new ArrayList<>(rule.conditions());
            conditions.add(required);
            try {
                after.add(rule.with(conditions, rule.actions()));
                before.add(rule);
            } catch (CoreException.Invalid e) {
                problems.add(
                        "rule " + rule.priority().text() + " (" + rule.arn() + "): " + String.join("; ", e.problems())
                                + " with the header condition (expected: room for " + required.valueCount()
                                + " more value(s); free some first)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("required header " + headerName, problems);
        }
        int gainedCondition = after.size();
        if (!(defaultRule.action() instanceof FixedResponse)) {
            RulePriority last = lastFreePriority(rules, listenerArn);
            after.add(new Rule(
                    provisionalArn(listenerArn, last), listenerArn, last, List.of(required), defaultRule.actions()));
            before.add(defaultRule);
            after.add(defaultRule.with(List.of(), List.of(FORBIDDEN)));
        }
        if (after.isEmpty()) {
            throw new CoreException.Invalid(
                    "required header " + headerName,
                    List.of("listener " + listenerArn + ": every forward rule requires " + headerName
                            + " already and the default action answers "
                            + defaultRule.action().describe()
                            + " (expected: a change)"));
        }
        String title = "require header " + headerName + " on listener " + listenerArn + ": " + gainedCondition
                + " forward rule(s) gain the condition"
                + (defaultRule.action() instanceof FixedResponse
                        ? ""
                        : ", a last rule keeps the default action for requests with it, requests without it get 403");
        return plan(title, before, after).withSecretHeaders(Set.of(headerName));
    }

    /**
     * Sets the accepted values of every http-header condition on {@code headerName} in the
     * listener's rules (ModifyRule each; the rules' other conditions, actions and priorities stay):
     * the load-balancer half of a rotation of the CDN's secret header, e.g. {@code [old, new]} while
     * both are accepted, then {@code [new]}. The values are secrets ({@link
     * ChangePlan#secretHeaders()}). Invalid when the listener has no rule with such a condition,
     * when the values break ALB's limits (1..3 values of at most 128 characters; 5 condition values
     * per rule, the message names the rule), or when every such condition has these values
     * already; NotFound when there is no such listener. Inverse: the previous values.
     */
    public ChangePlan setHeaderValues(String listenerArn, String headerName, List<String> values) {
        requireNonNull(listenerArn, "listenerArn");
        HttpHeader wanted = new HttpHeader(headerName, values);
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean any = false;
        for (Rule rule : rules(listenerArn)) {
            if (!requiresHeader(rule, headerName)) {
                continue;
            }
            any = true;
            List<Condition> conditions = rule.conditions().stream()
                    .map(c -> c instanceof HttpHeader h && h.name().equalsIgnoreCase(headerName)
                            ? (Condition) new HttpHeader(h.name(), wanted.values())
                            : c)
                    .toList();
            if (conditions.equals(rule.conditions())) {
                continue;
            }
            try {
                after.add(rule.with(conditions, rule.actions()));
                before.add(rule);
            } catch (CoreException.Invalid e) {
                problems.add("rule " + rule.priority().text() + " (" + rule.arn() + "): "
                        + String.join("; ", e.problems()) + " with " + values.size()
                        + " header value(s) (expected: room for them; free some first)");
            }
        }
        if (!any) {
            problems.add("listener " + listenerArn + ": no rule has an http-header condition on " + headerName
                    + " (expected: the header required first)");
        } else if (problems.isEmpty() && after.isEmpty()) {
            problems.add("values of " + headerName + ": the same as now on every rule (expected: a change)");
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("header " + headerName, problems);
        }
        return plan(
                        "set the accepted values of header " + headerName + " on listener " + listenerArn + " ("
                                + values.size() + " value(s)) in " + after.size() + " rule(s)",
                        before,
                        after)
                .withSecretHeaders(Set.of(headerName));
    }

    /**
     * The plan that undoes {@code plan}: every touched resource back to how it read before, the
     * inverse calls in the reverse order, planned against the state {@code plan} leaves. (After a
     * plan that creates, undo goes through the journal, which knows the created resources' ARNs.)
     */
    public ChangePlan inverse(ChangePlan plan) {
        requireNonNull(plan, "plan");
        return transition("undo: " + plan.title(), plan.after(), plan.before()).withSecretHeaders(plan.secretHeaders());
    }

    /** The plan taking {@code from} (as expected live) to {@code to}, ordered as an undo. */
    ChangePlan transition(String title, List<Resource> from, List<Resource> to) {
        return plan(title, from, to, Transition.Direction.BACKWARD);
    }

    /**
     * The plan that moves rules from the weights a journal entry left ({@code expected}) back to
     * {@code target}. Its {@code before} is the live rule with the expected weights, so applying it
     * refuses with drift if anything changed the weights since.
     */
    ChangePlan restoreWeights(String title, List<RuleWeights> expected, List<RuleWeights> target) {
        Map<String, RuleWeights> targets = new LinkedHashMap<>();
        target.forEach(t -> targets.put(t.ruleArn(), t));
        List<Resource> before = new ArrayList<>();
        List<Resource> after = new ArrayList<>();
        for (RuleWeights weights : expected) {
            Rule live = rules(weights.listenerArn()).stream()
                    .filter(r -> r.arn().equals(weights.ruleArn()))
                    .findFirst()
                    .orElseThrow(() -> new CoreException.NotFound("rule", weights.ruleArn()));
            RuleWeights to = targets.get(weights.ruleArn());
            if (to == null) {
                throw new CoreException.Invalid(
                        "undo", List.of("rule: " + weights.ruleArn() + " (expected: recorded weights to restore)"));
            }
            before.add(withWeights(live, weights));
            after.add(withWeights(live, to));
        }
        return plan(title, before, after);
    }

    /** The rule with this ARN, read live; NotFound if there is none. */
    Rule findRule(String ruleArn) {
        Optional<Rule> quick = listenerOf(ruleArn).flatMap(listener -> find(listener, ruleArn));
        if (quick.isPresent()) {
            return quick.get();
        }
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                Optional<Rule> rule = find(listener.arn(), ruleArn);
                if (rule.isPresent()) {
                    return rule.get();
                }
            }
        }
        throw new CoreException.NotFound("rule", ruleArn);
    }

    private Optional<Rule> find(String listenerArn, String ruleArn) {
        try {
            return rules(listenerArn).stream()
                    .filter(r -> r.arn().equals(ruleArn))
                    .findFirst();
        } catch (CoreException.NotFound e) {
            return Optional.empty();
        }
    }

    private List<Rule> rules(String listenerArn) {
        return loadBalancers.rules(listenerArn);
    }

    /**
     * The listener a rule ARN belongs to by its shape: ALB's "...:listener-rule/app/n/id/l/r"
     * belongs to "...:listener/app/n/id/l"; the lab's "listener/.../rule-1" to "listener/...".
     */
    private static Optional<String> listenerOf(String ruleArn) {
        int slash = ruleArn.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(ruleArn.substring(0, slash).replace(":listener-rule/", ":listener/"));
    }

    private ChangePlan plan(String title, List<Resource> before, List<Resource> after) {
        return plan(title, before, after, Transition.Direction.FORWARD);
    }

    private ChangePlan plan(String title, List<Resource> before, List<Resource> after, Transition.Direction direction) {
        List<Step> steps = Transition.steps(before, after, direction);
        if (steps.isEmpty()) {
            throw new CoreException.Invalid("change", List.of("calls: none (expected: a change)"));
        }
        return new ChangePlan(ids.get(), title, Transition.calls(steps), before, after, null);
    }

    /** The listener with this ARN, read live; NotFound if there is none. */
    Listener findListener(String listenerArn) {
        requireNonNull(listenerArn, "listenerArn");
        int slash = listenerArn.lastIndexOf('/');
        if (listenerArn.contains(":listener/") && slash > 0) {
            String loadBalancerArn = listenerArn.substring(0, slash).replace(":listener/", ":loadbalancer/");
            try {
                Optional<Listener> quick = loadBalancers.listeners(loadBalancerArn).stream()
                        .filter(l -> l.arn().equals(listenerArn))
                        .findFirst();
                if (quick.isPresent()) {
                    return quick.get();
                }
            } catch (CoreException.NotFound e) {
                // not that shape: scan below
            }
        }
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                if (listener.arn().equals(listenerArn)) {
                    return listener;
                }
            }
        }
        throw new CoreException.NotFound("listener", listenerArn);
    }

    private List<SslPolicy> requireOffered(String sslPolicy) {
        List<SslPolicy> offered = loadBalancers.sslPolicies();
        if (offered.stream().noneMatch(p -> p.name().equals(sslPolicy))) {
            throw new CoreException.Invalid(
                    "SSL policy",
                    List.of("sslPolicy: '" + sslPolicy + "' (expected: one of "
                            + offered.stream().map(SslPolicy::name).toList() + ")"));
        }
        return offered;
    }

    private static Rule defaultRule(List<Rule> rules, String listenerArn) {
        return rules.stream()
                .filter(Rule::isDefault)
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("default rule of listener", listenerArn));
    }

    /** A fixed-response 4XX rule whose one condition is a source-ip condition: what {@link #blockSources} adds. */
    static boolean isBlockRule(Rule rule) {
        return !rule.isDefault()
                && rule.conditions().size() == 1
                && rule.conditions().getFirst() instanceof SourceIp
                && rule.action() instanceof FixedResponse fixed
                && fixed.statusCode() / 100 == 4;
    }

    private static boolean requiresHeader(Rule rule, String headerName) {
        return rule.conditions().stream()
                .anyMatch(c -> c instanceof HttpHeader h && h.name().equalsIgnoreCase(headerName));
    }

    private static RulePriority lastFreePriority(List<Rule> rules, String listenerArn) {
        Set<RulePriority> taken = rules.stream().map(Rule::priority).collect(Collectors.toSet());
        for (int p = RulePriority.MAX; p >= RulePriority.MIN; p--) {
            if (!taken.contains(RulePriority.of(p))) {
                return RulePriority.of(p);
            }
        }
        throw new CoreException.Invalid(
                "listener " + listenerArn, List.of("free priorities: none (expected: at least one)"));
    }

    static String provisionalArn(String listenerArn, RulePriority priority) {
        return PROVISIONAL + listenerArn + "/priority/" + priority.text();
    }

    /** An address without a prefix length as one host: /32 for IPv4, /128 for IPv6. */
    private static String asCidr(String source) {
        if (source.isEmpty() || source.contains("/")) {
            return source;
        }
        return source + (source.contains(":") ? "/128" : "/32");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Rule withAction(Rule rule, Action action) {
        List<Action> actions = new ArrayList<>(rule.actions());
        actions.set(actions.size() - 1, action);
        return rule.with(rule.conditions(), actions);
    }

    private static Rule withWeights(Rule live, RuleWeights weights) {
        Duration stickiness = live.action() instanceof Forward f ? f.stickiness() : null;
        List<WeightedTargetGroup> groups = new ArrayList<>();
        weights.weights().forEach((arn, weight) -> groups.add(new WeightedTargetGroup(arn, weight)));
        return withAction(live, new Forward(groups, stickiness));
    }
}
