package dev.triage.console;

import dev.triage.console.cli.Triage;

/** The {@code triage} command: the console with no arguments, the command line with arguments. */
public final class TriageMain {

    private TriageMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("triage: the JavaFX console is not built yet; it arrives with a later issue.");
            System.err.println("Use the command line meanwhile: triage --help");
            System.exit(2);
        }
        System.exit(Triage.commandLine(System.in).execute(args));
    }
}
