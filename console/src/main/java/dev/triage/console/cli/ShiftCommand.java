package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage shift}: sets forward weights on one rule through plan, preview, apply and verify. */
@Command(name = "shift", description = "Set the forward weights of a rule (weights 0-999, not percentages).")
final class ShiftCommand implements Callable<Integer> {

    @ParentCommand
    Triage triage;

    @Spec
    CommandSpec spec;

    @Option(names = "--rule", required = true, paramLabel = "RULE_ARN", description = "the rule")
    String rule;

    @Option(
            names = "--weight",
            required = true,
            paramLabel = "TARGET_GROUP=W",
            description = "a target group (name or ARN) and its new weight; repeatable")
    LinkedHashMap<String, Integer> weights;

    @Option(names = "--yes", description = "apply without asking")
    boolean yes;

    @Option(names = "--json", description = "print the outcome as JSON")
    boolean json;

    @Option(names = "--reason", description = "why, for the audit journal")
    String reason = "no reason given";

    @Override
    public Integer call() {
        try (Target.Opened opened = triage.target().open()) {
            LoadBalancers loadBalancers = opened.loadBalancers();
            Map<String, Integer> byArn = resolve(loadBalancers, rule, weights);
            ChangePlan plan = new ChangePlanner(loadBalancers).shiftWeights(rule, byArn);
            if (!yes) {
                spec.commandLine().getOut().println(PlanPreview.text(plan));
                if (!triage.confirm(spec, "apply?")) {
                    spec.commandLine().getErr().println("triage: not applied (not confirmed)");
                    return 1;
                }
            }
            ChangeApplier applier = new ChangeApplier(loadBalancers, new AuditJournal(triage.journalFile()));
            AuditEntry entry = applier.apply(plan, Triage.actor(), reason);
            return Outcomes.print(spec, entry, json);
        }
    }

    /** Turns target group names into ARNs through the rule's load balancer; ARNs pass as they are. */
    static Map<String, Integer> resolve(LoadBalancers loadBalancers, String ruleArn, Map<String, Integer> weights) {
        List<TargetGroup> groups = loadBalancers.targetGroups(loadBalancerOf(loadBalancers, ruleArn));
        Map<String, Integer> byArn = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            String key = entry.getKey();
            String arn = groups.stream()
                    .filter(g -> g.arn().equals(key))
                    .findFirst()
                    .or(() -> groups.stream().filter(g -> g.name().equals(key)).findFirst())
                    .map(TargetGroup::arn)
                    .orElseThrow(() -> new IllegalArgumentException("target group: " + key + " (expected: one of "
                            + groups.stream().map(TargetGroup::name).toList() + ", by name or ARN)"));
            byArn.put(arn, entry.getValue());
        }
        return byArn;
    }

    private static String loadBalancerOf(LoadBalancers loadBalancers, String ruleArn) {
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                for (Rule r : loadBalancers.rules(listener.arn())) {
                    if (r.arn().equals(ruleArn)) {
                        return lb.arn();
                    }
                }
            }
        }
        throw new CoreException.NotFound("rule", ruleArn);
    }
}
