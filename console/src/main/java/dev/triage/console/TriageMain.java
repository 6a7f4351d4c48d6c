package dev.triage.console;

import dev.triage.console.app.ConsoleOptions;
import dev.triage.console.app.TriageApp;
import dev.triage.console.cli.Triage;

/**
 * The {@code triage} command: the console with no arguments (or only {@code --lab}, {@code
 * --journal}, {@code --snapshot}), the command line otherwise.
 */
public final class TriageMain {

    private TriageMain() {}

    public static void main(String[] args) {
        if (ConsoleOptions.isConsole(args)) {
            ConsoleOptions options;
            try {
                options = ConsoleOptions.parse(args, ConsoleOptions.defaultHome());
            } catch (IllegalArgumentException e) {
                System.err.println("triage: " + e.getMessage());
                System.exit(2);
                return;
            }
            System.exit(TriageApp.run(options));
        }
        System.exit(Triage.commandLine(System.in).execute(args));
    }
}
