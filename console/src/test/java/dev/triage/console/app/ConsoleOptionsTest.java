package dev.triage.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    private static final Path HOME = Path.of("/tmp/triage-home");

    @Test
    void noArgumentsOrOnlyConsoleOptionsOpenTheConsole() {
        assertThat(ConsoleOptions.isConsole(new String[0])).isTrue();
        assertThat(ConsoleOptions.isConsole(new String[] {"--lab", "lab.json"})).isTrue();
        assertThat(ConsoleOptions.isConsole(new String[] {"--snapshot", "out.png", "--lab", "lab.json"}))
                .isTrue();
    }

    @Test
    void aCommandOrHelpRunsTheCommandLine() {
        assertThat(ConsoleOptions.isConsole(new String[] {"lb", "list"})).isFalse();
        assertThat(ConsoleOptions.isConsole(new String[] {"--lab", "lab.json", "lb", "list"}))
                .isFalse();
        assertThat(ConsoleOptions.isConsole(new String[] {"--help"})).isFalse();
        assertThat(ConsoleOptions.isConsole(new String[] {"--lab", "--help"})).isFalse();
    }

    @Test
    void parsesEveryOption() {
        ConsoleOptions options = ConsoleOptions.parse(
                new String[] {"--lab", "lab.json", "--journal", "j.jsonl", "--snapshot", "s.png", "--screen", "traffic"
                },
                HOME);

        assertThat(options)
                .isEqualTo(new ConsoleOptions(
                        Path.of("lab.json"), Path.of("j.jsonl"), Path.of("s.png"), MainWindow.Screen.TRAFFIC, HOME));
        assertThat(options.attachedJournal()).isEqualTo(Path.of("j.jsonl"));
    }

    @Test
    void anAttachedLabSharesTheCommandLinesJournalAndTheEmbeddedLabGetsAFreshOne() {
        ConsoleOptions options = ConsoleOptions.defaults(HOME);

        assertThat(options.attachedJournal()).isEqualTo(HOME.resolve("journal.jsonl"));
        assertThat(options.embeddedJournal().getParent()).isEqualTo(HOME.resolve("lab-journals"));
        assertThat(options.embeddedJournal().getFileName().toString())
                .startsWith("lab-")
                .endsWith(".jsonl");
    }

    @Test
    void anUnknownScreenIsNamed() {
        assertThatThrownBy(() -> ConsoleOptions.parse(new String[] {"--screen", "nowhere"}, HOME))
                .hasMessageStartingWith("screen: nowhere (expected: one of [overview, traffic, ");
    }

    @Test
    void fleetAndTlsAreScreens() {
        assertThat(ConsoleOptions.parse(new String[] {"--screen", "fleet"}, HOME)
                        .screen())
                .isEqualTo(MainWindow.Screen.FLEET);
        assertThat(ConsoleOptions.parse(new String[] {"--screen", "TLS"}, HOME).screen())
                .isEqualTo(MainWindow.Screen.TLS);
    }
}
