package dev.triage.console.cli;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.CoreException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code triage} command and its global options. */
@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        versionProvider = Triage.Version.class,
        description = "Inspect and change load balancers (AWS or the lab).",
        subcommands = {
            LbCommand.class,
            ShiftCommand.class,
            UndoCommand.class,
            RecoverCommand.class,
            HistoryCommand.class,
            JournalCommand.class,
            CertsCommand.class,
            BenchCommand.class
        })
public final class Triage {

    @Option(names = "--lab", paramLabel = "FILE", description = "the file `triage-lab up --describe` writes")
    Path lab;

    @Option(names = "--profile", paramLabel = "P", description = "the AWS profile")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "the AWS region")
    String region;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            description = "the audit journal (default: ~/.triage/journal.jsonl)")
    Path journal;

    private final BufferedReader in;

    Triage(BufferedReader in) {
        this.in = requireNonNull(in, "in");
    }

    /** The command line, reading answers to prompts from {@code in}. */
    public static CommandLine commandLine(InputStream in) {
        requireNonNull(in, "in");
        Triage triage = new Triage(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        CommandLine line = new CommandLine(triage);
        line.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            cmd.getErr().println("triage: " + reason(failure));
            cmd.getErr().flush();
            return 1;
        });
        return line;
    }

    static String reason(Exception failure) {
        if (failure instanceof CoreException || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException io) {
            return io.getCause().getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    Target target() {
        if (lab != null && (profile != null || region != null)) {
            throw new IllegalArgumentException("--lab cannot be combined with --profile or --region");
        }
        return lab != null ? Target.lab(lab) : Target.aws(profile, region);
    }

    Path journalFile() {
        return journal != null ? journal : Path.of(System.getProperty("user.home"), ".triage", "journal.jsonl");
    }

    boolean confirm(CommandLine.Model.CommandSpec spec, String question) {
        spec.commandLine().getOut().print(question + " [y/N] ");
        spec.commandLine().getOut().flush();
        try {
            String answer = in.readLine();
            return answer != null
                    && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Triage.class.getPackage().getImplementationVersion();
            return new String[] {"triage " + (version == null ? "development" : version)};
        }
    }
}
