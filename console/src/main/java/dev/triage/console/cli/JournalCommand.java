package dev.triage.console.cli;

import dev.triage.core.change.AuditJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage journal ...}: maintenance of the audit journal file. */
@Command(
        name = "journal",
        description = "Maintain the audit journal.",
        subcommands = {JournalCommand.Scrub.class})
final class JournalCommand {

    @ParentCommand
    Triage triage;

    /**
     * {@code triage journal scrub [--journal FILE] [--header NAME]... [--yes]}: replaces the clear values of secret
     * headers in a journal written before they were masked with their digests. Without {@code --yes} a dry run that
     * only counts. Never prints a value.
     */
    @Command(
            name = "scrub",
            description = "Replace clear values of secret headers (the CDN header) in an old journal with their"
                    + " digests. A dry run unless --yes.")
    static final class Scrub implements Callable<Integer> {

        @ParentCommand
        JournalCommand journal;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--journal",
                paramLabel = "FILE",
                description = "the journal to scrub (default: the global --journal, or ~/.triage/journal.jsonl)")
        Path file;

        @Option(
                names = "--header",
                paramLabel = "NAME",
                description = "a header whose values are secret, besides those the journal names (repeatable)")
        List<String> headers = List.of();

        @Option(names = "--yes", description = "rewrite the file (without it: count only)")
        boolean yes;

        @Override
        public Integer call() {
            Path target = file != null ? file : journal.triage.journalFile();
            AuditJournal.Scrub result = new AuditJournal(target).scrub(Set.copyOf(headers), yes);
            PrintWriter out = spec.commandLine().getOut();
            String names = result.headers().isEmpty()
                    ? "none"
                    : String.join(", ", result.headers().stream().sorted().toList());
            out.println("journal: " + target);
            out.println("secret headers: " + names);
            if (result.valuesReplaced() == 0) {
                out.println("no clear secret values found; nothing to do");
            } else if (result.written()) {
                out.println("replaced " + result.valuesReplaced() + " clear value(s) with their digests in "
                        + result.linesChanged() + " line(s); the file was rewritten atomically (mode 0600)");
            } else {
                out.println("dry run: " + result.valuesReplaced() + " clear value(s) in " + result.linesChanged()
                        + " line(s) would be replaced by their digests; run again with --yes to rewrite the file");
            }
            if (result.unreadableLines() > 0) {
                out.println(result.unreadableLines() + " line(s) do not parse as entries (scrubbed as text)");
            }
            out.flush();
            return 0;
        }
    }
}
