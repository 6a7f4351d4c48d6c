package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the console was started: {@code triage [--lab FILE] [--journal FILE] [--screen NAME]
 * [--snapshot FILE]}.
 *
 * @param lab a running lab's describe file to attach to, or null for the embedded lab
 * @param journal the audit journal, or null for the default (~/.triage/journal.jsonl for an
 *     attached lab, a fresh file per embedded lab)
 * @param snapshot where to write a PNG of the main window once live data shows, then exit; or null
 * @param screen the screen shown first
 * @param home where settings live (~/.triage)
 */
public record ConsoleOptions(Path lab, Path journal, Path snapshot, MainWindow.Screen screen, Path home) {

    static final Set<String> OPTIONS = Set.of("--lab", "--journal", "--snapshot", "--screen");

    public ConsoleOptions {
        requireNonNull(screen, "screen");
        requireNonNull(home, "home");
    }

    /** The embedded lab, the overview first, settings in {@code home}. */
    public static ConsoleOptions defaults(Path home) {
        return new ConsoleOptions(null, null, null, MainWindow.Screen.OVERVIEW, home);
    }

    /** Whether these arguments open the console (none, or only console options) rather than run a command. */
    public static boolean isConsole(String[] args) {
        if (args.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || args[i + 1].startsWith("--")) {
                return false;
            }
        }
        return true;
    }

    /** Parses console arguments; IllegalArgumentException names what is wrong. */
    public static ConsoleOptions parse(String[] args, Path home) {
        Path lab = null;
        Path journal = null;
        Path snapshot = null;
        MainWindow.Screen screen = MainWindow.Screen.OVERVIEW;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                problems.add(args[i] + ": no value (expected: a file)");
                break;
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--lab" -> lab = Path.of(value);
                case "--journal" -> journal = Path.of(value);
                case "--snapshot" -> snapshot = Path.of(value);
                case "--screen" -> {
                    try {
                        screen = MainWindow.Screen.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problems.add("screen: " + value + " (expected: one of "
                                + java.util.Arrays.toString(MainWindow.Screen.values())
                                        .toLowerCase(java.util.Locale.ROOT)
                                + ")");
                    }
                }
                default -> problems.add("option: " + args[i] + " (expected: one of " + OPTIONS + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ConsoleOptions(lab, journal, snapshot, screen, home);
    }

    /** ~/.triage, or the {@code triage.home} system property when set. */
    public static Path defaultHome() {
        String override = System.getProperty("triage.home");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".triage");
    }

    /** The journal for an attached lab: the one the command line uses too. */
    Path attachedJournal() {
        return journal != null ? journal : home.resolve("journal.jsonl");
    }

    /** The journal for the embedded lab: a fresh one per lab, unless --journal says otherwise. */
    Path embeddedJournal() {
        return journal != null
                ? journal
                : dev.triage.console.connection.Connections.freshLabJournal(home.resolve("lab-journals"));
    }
}
