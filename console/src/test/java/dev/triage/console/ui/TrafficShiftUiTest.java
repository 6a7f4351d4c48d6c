package dev.triage.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import dev.triage.console.app.ConsoleOptions;
import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.fx.Tasks;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The traffic screen's main flow against a live lab started by the test, headless (Monocle): shift
 * 10% of the edge's rule to the replacement and see the lab's traffic follow, then undo it. Each
 * flow is counted in user interactions from the traffic screen: three or fewer.
 */
@ExtendWith(ApplicationExtension.class)
class TrafficShiftUiTest {

    private static final long WAIT_SECONDS = 90;
    private static final int REQUESTS = 300;

    @TempDir
    static Path home;

    private LabTopology lab;
    private Tasks tasks;
    private MainWindow window;
    private int interactions;

    @Start
    void start(Stage stage) throws Exception {
        lab = LiveLab.start();
        Path journal = home.resolve("journal-" + System.nanoTime() + ".jsonl");
        Connection connection = Connections.inProcess(lab, journal);
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        tasks = Tasks.forJavaFx();
        ConsoleOptions options =
                new ConsoleOptions(null, journal, null, MainWindow.Screen.TRAFFIC, home.resolve("settings"));
        window = MainWindow.show(stage, options, tasks, () -> connection);
    }

    @AfterEach
    void stop() throws Exception {
        Runnable closer = WaitForAsyncUtils.asyncFx(() -> window.close()).get(30, TimeUnit.SECONDS);
        closer.run();
        tasks.close();
        lab.close();
    }

    @Test
    void shiftingTenPercentSendsTrafficToTheReplacementAndUndoBringsItBack(FxRobot robot) throws Exception {
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel vm = window.traffic().viewModel();
        assertThat(vm.targetProperty().get()).isEqualTo("replacement");
        FxWatchdog watchdog = FxWatchdog.start(100);
        tasks.resetTimings();

        // shift: click the share field, type 10, apply the previewed plan
        interactions = 0;
        act(() -> robot.clickOn("#shareField"));
        act(() -> robot.write("10"));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible()
                && preview(robot).contains("replacement 0 -> 10"));
        assertThat(preview(robot)).contains("legacy 100 -> 90");
        act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.messageProperty().get().tone() != TrafficViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified:");
        assertThat(interactions).isLessThanOrEqualTo(3);

        long before = lab.replacement().stats().attempts();
        List<Integer> statuses = LiveLab.send(lab, REQUESTS);
        long toReplacement = lab.replacement().stats().attempts() - before;
        assertThat(statuses).hasSize(REQUESTS);
        // 10% of 300 is 30; a binomial spread of 5 puts 10..60 beyond four deviations
        assertThat(toReplacement).isBetween(10L, 60L);

        // undo: the history row's Undo, then apply
        waitFor(() -> !robot.lookup(".undo-button").queryAll().isEmpty());
        interactions = 0;
        act(() -> robot.clickOn(".undo-button"));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible()
                && preview(robot).contains("replacement 10 → 0"));
        act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.history().size() == 2);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: undo ");
        assertThat(interactions).isLessThanOrEqualTo(3);

        watchdog.close();
        watchdog.report("TrafficShiftUiTest", tasks.slowestCallbacks());
        assertThat(watchdog.consoleBlocked())
                .as("console code blocking the FX thread")
                .isEmpty();
        long afterUndo = lab.replacement().stats().attempts();
        assertThat(LiveLab.send(lab, 100)).hasSize(100);
        assertThat(lab.replacement().stats().attempts()).isEqualTo(afterUndo);
    }

    private void act(Runnable interaction) {
        interactions++;
        interaction.run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String preview(FxRobot robot) {
        Node node = robot.lookup("#planPreview").query();
        return ((TextArea) node).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
