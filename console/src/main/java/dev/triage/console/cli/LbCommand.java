package dev.triage.console.cli;

import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage lb}: load balancers. */
@Command(
        name = "lb",
        description = "Load balancers.",
        subcommands = {LbCommand.ListCommand.class})
final class LbCommand {

    @ParentCommand
    Triage triage;

    /** {@code triage lb list}: load balancers, listeners, rules with priority and forward weights. */
    @Command(name = "list", description = "List load balancers, listeners and rules with forward weights.")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        LbCommand lb;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            try (Target.Opened opened = lb.triage.target().open()) {
                List<Map<String, Object>> view = view(opened.loadBalancers());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JsonOut.write(Map.of("loadBalancers", view)));
                } else {
                    printText(out, view);
                }
                out.flush();
                return 0;
            }
        }
    }

    static List<Map<String, Object>> view(LoadBalancers loadBalancers) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            Map<String, String> names = loadBalancers.targetGroups(lb.arn()).stream()
                    .collect(Collectors.toMap(TargetGroup::arn, TargetGroup::name, (a, b) -> a, LinkedHashMap::new));
            List<Map<String, Object>> listeners = new ArrayList<>();
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                List<Map<String, Object>> rules = new ArrayList<>();
                for (Rule rule : loadBalancers.rules(listener.arn())) {
                    rules.add(ruleView(rule, names));
                }
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("arn", listener.arn());
                l.put("protocol", listener.protocol().name());
                l.put("port", listener.port());
                l.put("rules", rules);
                listeners.add(l);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arn", lb.arn());
            m.put("name", lb.name());
            m.put("dnsName", lb.dnsName());
            m.put("listeners", listeners);
            result.add(m);
        }
        return result;
    }

    private static Map<String, Object> ruleView(Rule rule, Map<String, String> names) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("arn", rule.arn());
        r.put("priority", rule.priority().text());
        r.put("conditions", rule.conditions().stream().map(Condition::describe).toList());
        r.put("action", rule.action().type());
        if (rule.action() instanceof Forward forward) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (WeightedTargetGroup group : forward.targetGroups()) {
                weights.put(names.getOrDefault(group.targetGroupArn(), group.targetGroupArn()), group.weight());
            }
            r.put("weights", weights);
        } else {
            r.put("description", rule.action().describe());
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, List<Map<String, Object>> view) {
        if (view.isEmpty()) {
            out.println("no load balancers");
        }
        for (Map<String, Object> lb : view) {
            out.printf("%s  %s  %s%n", lb.get("name"), lb.get("dnsName"), lb.get("arn"));
            for (Map<String, Object> listener : (List<Map<String, Object>>) lb.get("listeners")) {
                out.printf(
                        "  listener %s:%s  %s%n", listener.get("protocol"), listener.get("port"), listener.get("arn"));
                for (Map<String, Object> rule : (List<Map<String, Object>>) listener.get("rules")) {
                    Object what = rule.containsKey("weights")
                            ? "forward " + weightsText((Map<String, Integer>) rule.get("weights"))
                            : rule.get("description");
                    List<String> conditions = (List<String>) rule.get("conditions");
                    out.printf(
                            "    rule %-8s %s%s  %s%n",
                            rule.get("priority"),
                            conditions.isEmpty() ? "" : String.join(" and ", conditions) + " -> ",
                            what,
                            rule.get("arn"));
                }
            }
        }
    }

    static String weightsText(Map<String, Integer> weights) {
        return weights.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
