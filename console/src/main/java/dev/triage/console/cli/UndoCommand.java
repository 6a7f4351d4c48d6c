package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.security.CdnHeaderRequirement;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage undo}: applies the inverse of the last change that changed something. */
@Command(name = "undo", description = "Undo the last change in the journal.")
final class UndoCommand implements Callable<Integer> {

    @ParentCommand
    Triage triage;

    @Spec
    CommandSpec spec;

    @Option(names = "--yes", description = "undo without asking")
    boolean yes;

    @Option(names = "--json", description = "print the outcome as JSON")
    boolean json;

    @Option(names = "--reason", description = "why, for the audit journal")
    String reason = "no reason given";

    @Override
    public Integer call() {
        AuditJournal journal = new AuditJournal(triage.journalFile());
        Optional<JournalEntry> last =
                journal.entries().stream().filter(JournalEntry::undoable).reduce((a, b) -> b);
        if (last.isEmpty()) {
            spec.commandLine().getErr().println("triage: nothing to undo in " + journal.file());
            return 1;
        }
        Optional<CdnHeaderRequirement.InPlace> requirement =
                CdnHeaderRequirement.recordedFor(journal, last.get().id());
        if (requirement.isPresent()) {
            spec.commandLine()
                    .getErr()
                    .println("triage: the last change is the load balancer part of \"require "
                            + requirement.get().headerName() + "\" (recorded in "
                            + journal.file().resolveSibling(CdnHeaderRequirement.STATE_FILE)
                            + "); undoing it alone would leave the agents' gates in place. Undo it on the console's"
                            + " security screen (\"Undo require header\"), which takes off both parts.");
            return 1;
        }
        if (!yes) {
            JournalEntry entry = last.get();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "undo %s (%s by %s at %s): %s%n",
                            entry.title(),
                            entry.outcome(),
                            entry.actor(),
                            entry.time(),
                            HistoryCommand.undoText(entry));
            if (!triage.confirm(spec, "undo?")) {
                spec.commandLine().getErr().println("triage: not undone (not confirmed)");
                return 1;
            }
        }
        try (Target.Opened opened = triage.target().open()) {
            AuditEntry entry = new ChangeApplier(opened.loadBalancers(), journal).undoLast(Triage.actor(), reason);
            return Outcomes.print(spec, entry, json);
        }
    }
}
