package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.AuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code triage recover}: finishes changes a killed process left half-applied, by setting their
 * rules back as they were before (core's {@link ChangeApplier#recover}). Until then no change is
 * applied.
 */
@Command(
        name = "recover",
        description = "Set back changes that were interrupted part-way (the process applying them was killed).")
final class RecoverCommand implements Callable<Integer> {

    @ParentCommand
    Triage triage;

    @Spec
    CommandSpec spec;

    @Option(names = "--yes", description = "recover without asking")
    boolean yes;

    @Option(names = "--json", description = "print the outcome as JSON")
    boolean json;

    @Option(names = "--reason", description = "why, for the audit journal")
    String reason = "recovering an interrupted change";

    @Override
    public Integer call() {
        AuditJournal journal = new AuditJournal(triage.journalFile());
        List<JournalEntry> interrupted = journal.incomplete();
        if (interrupted.isEmpty()) {
            if (json) {
                spec.commandLine().getOut().println(JsonOut.write(Map.of("recovered", List.of())));
            } else {
                spec.commandLine().getOut().println("nothing to recover in " + journal.file());
            }
            return 0;
        }
        if (!yes) {
            for (JournalEntry entry : interrupted) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "interrupted: %s %s (by %s at %s): set back to %s%n",
                                entry.id(),
                                entry.title(),
                                entry.actor(),
                                entry.time(),
                                HistoryCommand.weightsText(entry.before()));
            }
            if (!triage.confirm(spec, "recover?")) {
                spec.commandLine().getErr().println("triage: not recovered (not confirmed)");
                return 1;
            }
        }
        List<JournalEntry> finished;
        try (Target.Opened opened = triage.target().open()) {
            finished = new ChangeApplier(opened.loadBalancers(), journal).recover(Triage.actor(), reason);
        }
        boolean restored = finished.stream().allMatch(e -> e.outcome() == AuditEntry.Outcome.FAILED_RESTORED);
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (JournalEntry e : finished) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                m.put("title", e.title());
                m.put("outcome", e.outcome().name());
                m.put("detail", e.detail());
                out.add(m);
            }
            spec.commandLine().getOut().println(JsonOut.write(Map.of("recovered", out)));
        } else {
            for (JournalEntry e : finished) {
                spec.commandLine().getOut().printf("%s %s: %s (%s)%n", e.id(), e.title(), e.outcome(), e.detail());
            }
        }
        spec.commandLine().getOut().flush();
        if (!restored) {
            spec.commandLine().getErr().println("triage: not every interrupted change was set back; see above");
        }
        return restored ? 0 : 1;
    }
}
