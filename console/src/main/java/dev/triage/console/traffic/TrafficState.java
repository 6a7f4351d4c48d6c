package dev.triage.console.traffic;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.RuleWeights;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One read of everything the traffic screen shows, made off the UI thread. */
record TrafficState(List<RuleRow> rules, List<GroupRow> groups, List<HistoryRow> history, List<String> skipped) {

    TrafficState {
        rules = List.copyOf(rules);
        groups = List.copyOf(groups);
        history = List.copyOf(history);
        skipped = List.copyOf(skipped);
    }

    /** A listener rule, in words. {@code forward} is null unless the rule forwards; {@code protocol} is its listener's. */
    record RuleRow(
            String loadBalancer,
            String listener,
            Rule rule,
            String priority,
            String conditions,
            String action,
            Forward forward,
            dev.triage.core.domain.Protocol protocol) {

        String arn() {
            return rule.arn();
        }

        boolean forwards() {
            return forward != null;
        }

        String label() {
            return (rule.isDefault() ? "the default rule" : "rule " + priority) + " on " + listener;
        }

        /** The ARN of the target group named {@code groupName} that this rule forwards to, if it does. */
        Optional<String> groupArn(String groupName) {
            return forward == null
                    ? Optional.empty()
                    : forward.targetGroups().stream()
                            .map(WeightedTargetGroup::targetGroupArn)
                            .filter(arn -> TargetGroup.nameOf(arn).equals(groupName))
                            .findFirst();
        }
    }

    /** A target group with its targets' health and the weight each forward rule gives it. */
    record GroupRow(String name, String arn, String loadBalancer, String health, boolean allHealthy, String weights) {}

    /** A finished change from the audit journal. */
    record HistoryRow(
            String id, Instant time, String actor, String title, String outcome, String change, boolean undoable) {}

    /** Reads the load balancers, their rules and target groups with health, and the journal. Blocking. */
    static TrafficState read(LoadBalancers loadBalancers, AuditJournal journal) {
        requireNonNull(loadBalancers, "loadBalancers");
        requireNonNull(journal, "journal");
        List<RuleRow> rules = new ArrayList<>();
        List<GroupRow> groups = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            Map<String, List<String>> weightsByGroup = new LinkedHashMap<>();
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                String listenerText = listener.protocol() + " :" + listener.port();
                for (Rule rule : loadBalancers.rules(listener.arn())) {
                    Forward forward = rule.action() instanceof Forward f ? f : null;
                    rules.add(new RuleRow(
                            lb.name(),
                            listenerText,
                            rule,
                            rule.priority().text(),
                            Words.conditions(rule.conditions()),
                            Words.action(rule.action()),
                            forward,
                            listener.protocol()));
                    if (forward != null) {
                        int total = forward.totalWeight();
                        forward.targetGroups()
                                .forEach(g -> weightsByGroup
                                        .computeIfAbsent(g.targetGroupArn(), k -> new ArrayList<>())
                                        .add(ruleName(rule) + ": "
                                                + (total == 0 ? "0%" : Words.percent(100.0 * g.weight() / total))));
                    }
                }
            }
            for (TargetGroup group : loadBalancers.targetGroups(lb.arn())) {
                List<TargetHealth> health = loadBalancers.targetHealth(group.arn());
                long healthy = health.stream()
                        .filter(h -> h.state() == TargetHealth.State.HEALTHY)
                        .count();
                String unhealthy = health.stream()
                        .filter(h -> h.state() != TargetHealth.State.HEALTHY)
                        .map(h -> h.address() + " " + h.state().name().toLowerCase(java.util.Locale.ROOT)
                                + (h.description() == null ? "" : " (" + h.description() + ")"))
                        .collect(Collectors.joining("; "));
                String text =
                        healthy + " of " + health.size() + " healthy" + (unhealthy.isEmpty() ? "" : ": " + unhealthy);
                groups.add(new GroupRow(
                        group.name(),
                        group.arn(),
                        lb.name(),
                        text,
                        !health.isEmpty() && healthy == health.size(),
                        String.join(", ", weightsByGroup.getOrDefault(group.arn(), List.of("not forwarded to")))));
            }
        }
        AuditJournal.Read read = journal.read();
        List<HistoryRow> history = new ArrayList<>();
        for (JournalEntry e : read.entries().reversed()) {
            if (e.phase() != JournalEntry.Phase.FINAL) {
                continue;
            }
            history.add(new HistoryRow(
                    e.id(), e.time(), e.actor(), e.title(), e.outcome().name(), change(e), e.undoable()));
        }
        return new TrafficState(rules, groups, history, read.skipped());
    }

    private static String ruleName(Rule rule) {
        return rule.isDefault() ? "default rule" : "rule " + rule.priority().text();
    }

    private static String change(JournalEntry e) {
        if (e.keepsResources()) {
            JournalEntry.Resources r = e.resources();
            List<String> lines = RuleChanges.lines(r.before(), r.after().isEmpty() ? r.planned() : r.after());
            if (lines.isEmpty() && r.before().isEmpty() && r.planned().isEmpty() && e.detail() != null) {
                return e.detail(); // a write that touches no rule, e.g. a certificate import
            }
            return lines.isEmpty() ? "-" : String.join("; ", lines);
        }
        List<RuleWeights> to = e.after().isEmpty() ? e.planned() : e.after();
        List<String> parts = new ArrayList<>();
        for (RuleWeights after : to) {
            Map<String, Integer> before = e.before().stream()
                    .filter(b -> b.ruleArn().equals(after.ruleArn()))
                    .findFirst()
                    .map(RuleWeights::weights)
                    .orElse(Map.of());
            parts.add("rule " + after.priority() + ": " + Words.weightChange(before, after.weights()));
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }
}
