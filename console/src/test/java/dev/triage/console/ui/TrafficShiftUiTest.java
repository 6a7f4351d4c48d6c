package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.List;
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

/**
 * The traffic screen's main flow against a live lab started by the test, headless (Monocle): shift
 * 10% of the edge's rule to the replacement and see the lab's traffic follow, then undo it. Each
 * flow is counted in user interactions from the traffic screen: three or fewer.
 */
@ExtendWith(ApplicationExtension.class)
class TrafficShiftUiTest {

    private static final int REQUESTS = 300;

    @TempDir
    static Path home;

    private LiveConsole console;

    @Start
    void start(Stage stage) throws Exception {
        console = LiveConsole.start(stage, home, MainWindow.Screen.TRAFFIC);
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void shiftingTenPercentSendsTrafficToTheReplacementAndUndoBringsItBack(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        LabTopology lab = console.lab;
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel vm = window.traffic().viewModel();
        assertThat(vm.targetProperty().get()).isEqualTo("replacement");
        FxWatchdog watchdog = console.watchFxThread();

        // shift: click the share field, type 10, apply the previewed plan
        Flow shift = new Flow();
        shift.act(() -> robot.clickOn("#shareField"));
        shift.act(() -> robot.write("10"));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible()
                && preview(robot).contains("replacement 0 -> 10"));
        assertThat(preview(robot)).contains("legacy 100 -> 90");
        shift.act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.messageProperty().get().tone() != TrafficViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified:");
        assertThat(shift.interactions()).isLessThanOrEqualTo(3);

        long before = lab.replacement().stats().attempts();
        List<Integer> statuses = LiveLab.send(lab, REQUESTS);
        long toReplacement = lab.replacement().stats().attempts() - before;
        assertThat(statuses).hasSize(REQUESTS);
        // 10% of 300 is 30; a binomial spread of 5 puts 10..60 beyond four deviations
        assertThat(toReplacement).isBetween(10L, 60L);

        // undo: the history row's Undo, then apply
        waitFor(() -> !robot.lookup(".undo-button").queryAll().isEmpty());
        Flow undo = new Flow();
        undo.act(() -> robot.clickOn(".undo-button"));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible()
                && preview(robot).contains("replacement 10 → 0"));
        undo.act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.history().size() == 2);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: undo ");
        assertThat(undo.interactions()).isLessThanOrEqualTo(3);

        console.assertFxThreadNotBlocked(watchdog, "TrafficShiftUiTest");
        long afterUndo = lab.replacement().stats().attempts();
        assertThat(LiveLab.send(lab, 100)).hasSize(100);
        assertThat(lab.replacement().stats().attempts()).isEqualTo(afterUndo);
    }

    private static String preview(FxRobot robot) {
        Node node = robot.lookup("#planPreview").query();
        return ((TextArea) node).getText();
    }
}
