package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.RuleWeights;
import java.io.PrintWriter;
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
                out.printf(
                        "%s  %-15s %-10s %s: %s -> %s%n",
                        e.time(), e.outcome(), e.actor(), e.title(), weightsText(e.before()), weightsText(e.after()));
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
