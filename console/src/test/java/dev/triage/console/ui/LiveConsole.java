package dev.triage.console.ui;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import dev.triage.console.app.ConsoleOptions;
import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.fx.Tasks;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javafx.application.Application;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's main window over a live lab for a UI test: the lab's in-process connection with a
 * fresh journal in the test's home, the dark theme, tasks on the JavaFX thread. {@link #close()}
 * closes the window, the tasks and the lab, in that order.
 */
final class LiveConsole implements AutoCloseable {

    /** How long a UI test waits for the console or the lab before failing. */
    static final long WAIT_SECONDS = 90;

    final LabTopology lab;
    final Connection connection;
    final Path journal;
    final Tasks tasks;
    final MainWindow window;
    private boolean windowClosed;

    private LiveConsole(LabTopology lab, Connection connection, Path journal, Tasks tasks, MainWindow window) {
        this.lab = lab;
        this.connection = connection;
        this.journal = journal;
        this.tasks = tasks;
        this.window = window;
    }

    /** A new lab, the window opened on {@code screen}, settings in {@code home}/settings. */
    static LiveConsole start(Stage stage, Path home, MainWindow.Screen screen) throws Exception {
        return start(stage, LiveLab.start(), home, screen, home.resolve("settings"), connection -> connection);
    }

    /**
     * The window over {@code lab} (closed with the console, also when opening fails), opened on
     * {@code screen} with settings in {@code settings}, over the lab's connection as {@code wrap}
     * makes it.
     */
    static LiveConsole start(
            Stage stage,
            LabTopology lab,
            Path home,
            MainWindow.Screen screen,
            Path settings,
            UnaryOperator<Connection> wrap)
            throws Exception {
        requireNonNull(lab, "lab");
        Tasks tasks = null;
        try {
            Path journal = home.resolve("journal-" + System.nanoTime() + ".jsonl");
            Connection connection = wrap.apply(Connections.inProcess(lab, journal));
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            tasks = Tasks.forJavaFx();
            ConsoleOptions options = new ConsoleOptions(null, journal, null, screen, settings);
            MainWindow window = MainWindow.show(stage, options, tasks, () -> connection);
            return new LiveConsole(lab, connection, journal, tasks, window);
        } catch (Exception | Error e) {
            if (tasks != null) {
                tasks.close();
            }
            lab.close();
            throw e;
        }
    }

    /** Closes the window (once) and waits for it to let go of the connection. */
    void closeWindow() throws Exception {
        if (windowClosed) {
            return;
        }
        windowClosed = true;
        Runnable closer = WaitForAsyncUtils.asyncFx(() -> window.close()).get(30, TimeUnit.SECONDS);
        closer.run();
    }

    /**
     * Watches the JavaFX thread from now on (the first layout of a screen is JavaFX's warm-up, not
     * the console's work): hand the watchdog to {@link #assertFxThreadNotBlocked} at the end.
     */
    FxWatchdog watchFxThread() {
        FxWatchdog watchdog = FxWatchdog.start(100);
        tasks.resetTimings();
        return watchdog;
    }

    /**
     * Stops {@code watchdog}, writes its report as target/fx-watchdog-NAME.txt and fails when console
     * code blocked the FX thread while it watched.
     */
    void assertFxThreadNotBlocked(FxWatchdog watchdog, String name) throws Exception {
        watchdog.close();
        watchdog.report(name, tasks.slowestCallbacks());
        assertThat(watchdog.consoleBlocked())
                .as("console code blocking the FX thread")
                .isEmpty();
    }

    /** Waits up to {@link #WAIT_SECONDS} for {@code condition}. */
    /**
     * Selects a tab of the security screen's lower pane by its id, on the FX thread, once the pane is shown (a lookup
     * and click from the test thread can meet the tab header while the FX thread still lays it out).
     */
    static void selectTab(FxRobot robot, String tabId) throws Exception {
        waitFor(() -> WaitForAsyncUtils.asyncFx(() -> {
                    Optional<TabPane> pane = robot.lookup("#securityTabs").tryQuery();
                    if (pane.isEmpty() || pane.get().getScene() == null) {
                        return false;
                    }
                    for (Tab tab : pane.get().getTabs()) {
                        if (tabId.equals(tab.getId())) {
                            pane.get().getSelectionModel().select(tab);
                            return true;
                        }
                    }
                    return false;
                })
                .get(WAIT_SECONDS, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }

    @Override
    public void close() throws Exception {
        try {
            closeWindow();
        } finally {
            try {
                tasks.close();
            } finally {
                lab.close();
            }
        }
    }
}
