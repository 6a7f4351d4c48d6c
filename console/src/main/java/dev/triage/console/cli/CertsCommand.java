package dev.triage.console.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code triage certs}: certificates. Not supported yet: core has no certificates adapter. */
@Command(
        name = "certs",
        description = "Certificates (not supported yet).",
        subcommands = {CertsCommand.ListCommand.class})
final class CertsCommand {

    @ParentCommand
    Triage triage;

    @Command(name = "list", description = "List certificates (not supported yet).")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        CertsCommand certs;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            String where = certs.triage.target().isLab() ? "against the lab" : "against AWS (core has no ACM adapter)";
            spec.commandLine().getErr().println("triage: certs list is not supported " + where + " yet");
            return 1;
        }
    }
}
