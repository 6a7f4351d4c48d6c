package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.RuleWeights;
import dev.triage.core.domain.Resource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage history}: the audit journal's entries, oldest first. */
@Command(name = "history", description = "Show the audit journal.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Triage triage;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        AuditJournal.Read read = new AuditJournal(triage.journalFile()).read();
        PrintWriter out = spec.commandLine().getOut();
        List<JournalEntry> entries = read.entries().stream()
                .filter(e -> e.phase() == JournalEntry.Phase.FINAL)
                .toList();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("entries", entries.stream().map(HistoryCommand::view).toList());
            doc.put("skipped", read.skipped());
            out.println(JsonOut.write(doc));
        } else {
            if (entries.isEmpty()) {
                out.println("no changes in " + triage.journalFile());
            }
            for (JournalEntry e : entries) {
                out.printf("%s  %-15s %-10s %s%n", e.time(), e.outcome(), e.actor(), changeText(e));
            }
            for (String skipped : read.skipped()) {
                out.println("skipped: " + skipped);
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> view(JournalEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("time", e.time().toString());
        m.put("actor", e.actor());
        m.put("reason", e.reason());
        m.put("title", e.title());
        m.put("outcome", e.outcome().name());
        m.put("detail", e.detail());
        m.put("calls", e.calls());
        m.put("before", weights(e.before()));
        m.put("planned", weights(e.planned()));
        m.put("after", weights(e.after()));
        m.put("inverse", weights(e.inverse()));
        if (e.keepsResources()) {
            JournalEntry.Resources r = e.resources();
            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("before", arns(r.before()));
            resources.put("planned", arns(r.planned()));
            resources.put("after", arns(r.after()));
            resources.put("inverse", arns(r.inverse()));
            m.put("resources", resources);
        }
        return m;
    }

    private static List<Map<String, Object>> weights(List<RuleWeights> rules) {
        return rules.stream()
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("rule", r.ruleArn());
                    m.put("priority", r.priority());
                    m.put("weights", r.weights());
                    return m;
                })
                .toList();
    }

    /** The title, then what changed: the weights of a shift, the touched resources of any other change. */
    static String changeText(JournalEntry e) {
        if (!e.keepsResources()) {
            return e.title() + ": " + weightsText(e.before()) + " -> " + weightsText(e.after());
        }
        JournalEntry.Resources r = e.resources();
        List<Resource> touched = r.after().isEmpty() ? r.planned() : r.after();
        Set<String> before = arnSet(r.before());
        Set<String> now = arnSet(touched);
        List<String> parts = new ArrayList<>();
        List<String> created = touched.stream()
                .map(Resource::arn)
                .filter(a -> !before.contains(a))
                .toList();
        List<String> changed =
                touched.stream().map(Resource::arn).filter(before::contains).toList();
        List<String> deleted = r.before().stream()
                .map(Resource::arn)
                .filter(a -> !now.contains(a))
                .toList();
        if (!created.isEmpty()) {
            parts.add("created " + String.join(", ", created));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(", ", changed));
        }
        if (!deleted.isEmpty()) {
            parts.add("deleted " + String.join(", ", deleted));
        }
        return parts.isEmpty() ? e.title() : e.title() + " (" + String.join("; ", parts) + ")";
    }

    /** What undoing {@code e} does: the weights it restores, or the resources it deletes and restores. */
    static String undoText(JournalEntry e) {
        if (!e.keepsResources()) {
            return "restore " + weightsText(e.inverse());
        }
        JournalEntry.Resources r = e.resources();
        Set<String> back = arnSet(r.inverse());
        Set<String> existed = arnSet(r.before());
        List<String> parts = new ArrayList<>();
        List<String> remove = r.planned().stream()
                .map(Resource::arn)
                .filter(a -> !back.contains(a) && !existed.contains(a))
                .toList();
        if (!remove.isEmpty()) {
            parts.add("delete " + String.join(", ", remove));
        }
        if (!r.inverse().isEmpty()) {
            parts.add("restore " + String.join(", ", arns(r.inverse())));
        }
        return parts.isEmpty() ? "nothing left to restore" : String.join("; ", parts);
    }

    private static List<String> arns(List<Resource> resources) {
        return resources.stream().map(Resource::arn).toList();
    }

    private static Set<String> arnSet(List<Resource> resources) {
        return resources.stream().map(Resource::arn).collect(Collectors.toSet());
    }

    static String weightsText(List<RuleWeights> rules) {
        if (rules.isEmpty()) {
            return "-";
        }
        return rules.stream()
                .map(r -> "rule " + r.priority() + " "
                        + r.weights().entrySet().stream()
                                .map(w -> w.getKey() + "=" + w.getValue())
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
