package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.fx.Snapshots;
import dev.triage.lab.bench.LiveTraffic;
import dev.triage.lab.up.LabTopology;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The overview against a live lab with staff traffic, headless: the banner names the lab, live
 * numbers replace the placeholders, the tables fill, and a snapshot of the window is a real PNG.
 */
@ExtendWith(ApplicationExtension.class)
class OverviewUiTest {

    @TempDir
    static Path home;

    private LiveConsole console;
    private LiveTraffic traffic;

    @Start
    void start(Stage stage) throws Exception {
        LabTopology lab = LiveLab.start();
        traffic = LiveTraffic.start(lab.loadBalancer(), 20, null, 11);
        stage.setWidth(1440);
        stage.setHeight(900);
        console = LiveConsole.start(
                stage, lab, home, MainWindow.Screen.OVERVIEW, home.resolve("settings"), connection -> connection);
    }

    @AfterEach
    void stop() throws Exception {
        traffic.close();
        console.close();
    }

    @Test
    void showsLiveNumbersFromTheLabAndSnapshotsTheWindow(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        waitFor(() -> window.overview() != null
                && window.overview().viewModel().liveProperty().get()
                && !window.overview().viewModel().days().isEmpty());

        // steady state: the first layout of a screen is JavaFX's warm-up, not the console's work
        FxWatchdog watchdog = console.watchFxThread();
        waitFor(() -> window.overview()
                        .viewModel()
                        .chartsProperty()
                        .get()
                        .requestsPerSecond()
                        .size()
                >= 10);
        assertThat(robot.lookup("#bannerKind").queryAs(Label.class).getText()).isEqualTo("LAB");
        assertThat(robot.lookup("#bannerDetail").queryAs(Label.class).getText())
                .isEqualTo("load balancer " + console.lab.loadBalancer());
        waitFor(() -> robot.lookup("#successLastMinute")
                .queryAs(Label.class)
                .getText()
                .endsWith("%"));
        assertThat(robot.lookup("#requestsPerSecond").queryAs(Label.class).getText())
                .endsWith("/s");
        assertThat(robot.lookup("#latency").queryAs(Label.class).getText()).startsWith("p50 ");
        assertThat(window.overview().viewModel().days().getLast().label()).isEqualTo("All time");
        // the lab has one front door: nothing to choose, no chooser
        assertThat(window.overview().viewModel().choices()).hasSize(1);
        assertThat(robot.lookup("#sourceChooser").query().isVisible()).isFalse();
        waitFor(() -> window.overview().viewModel().absorbed().stream()
                .anyMatch(r -> r.agent().equals("node-1") && r.attempts() > 0));

        console.assertFxThreadNotBlocked(watchdog, "OverviewUiTest");
        BufferedImage image =
                WaitForAsyncUtils.asyncFx(() -> Snapshots.take(window.scene())).get(30, TimeUnit.SECONDS);
        Path png = home.resolve("overview.png");
        Snapshots.write(image, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo((int) window.scene().getWidth());
        assertThat(read.getHeight()).isEqualTo((int) window.scene().getHeight());
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
