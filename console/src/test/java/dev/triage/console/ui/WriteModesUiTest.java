package dev.triage.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import dev.triage.console.app.ConsoleOptions;
import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.console.overview.LiveSources;
import dev.triage.console.security.SecuritySource;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
 * A protected profile over a live lab, headless: the banner says PROTECTED, a shift is refused until
 * the profile's name is typed in the confirm pane, then applied; switched to read-only, the Apply
 * button is disabled and the banner's mode stays visible.
 */
@ExtendWith(ApplicationExtension.class)
class WriteModesUiTest {

    private static final long WAIT_SECONDS = 90;
    private static final String PROFILE = "shop-prod";

    @TempDir
    static Path home;

    private LabTopology lab;
    private Tasks tasks;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        lab = LiveLab.start();
        Path journal = home.resolve("journal-" + System.nanoTime() + ".jsonl");
        Connection connection = new WithPolicy(
                Connections.inProcess(lab, journal), WritePolicy.of(WritePolicy.Mode.PROTECTED, PROFILE));
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
    void aProtectedProfileShiftsOnlyOnceItsNameIsTypedAndReadOnlyDisablesApply(FxRobot robot) throws Exception {
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel vm = window.traffic().viewModel();
        assertThat(robot.lookup("#bannerMode").queryAs(Label.class).getText()).isEqualTo("PROTECTED");

        robot.clickOn("#shareField");
        robot.write("10");
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible());
        TextField name = robot.lookup("#confirmName").queryAs(TextField.class);
        assertThat(name.isVisible()).isTrue();
        assertThat(name.getPromptText()).isEqualTo("Type " + PROFILE + " to confirm");

        robot.clickOn("#applyButton");
        waitFor(() -> vm.messageProperty().get().tone() == TrafficViewModel.Tone.ERROR);
        assertThat(vm.messageProperty().get().text())
                .isEqualTo("Not applied: Protected profile " + PROFILE + ": type its name to confirm this write.");
        assertThat(vm.history()).isEmpty();

        robot.clickOn("#confirmName");
        robot.write(PROFILE);
        robot.clickOn("#applyButton");
        waitFor(() -> vm.messageProperty().get().tone() == TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified:");
        waitFor(() -> vm.history().size() == 1);

        WaitForAsyncUtils.asyncFx(() -> vm.guard().policy(WritePolicy.of(WritePolicy.Mode.READ_ONLY, PROFILE)))
                .get(10, TimeUnit.SECONDS);
        robot.clickOn("#shareField");
        robot.eraseText(2);
        robot.write("20");
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible());
        assertThat(robot.lookup("#applyButton").queryAs(Button.class).isDisabled())
                .isTrue();
        assertThat(robot.lookup("#confirmName").query().isVisible()).isFalse();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }

    /** The lab as an AWS profile with a mode would be: the same connection, another write policy. */
    private record WithPolicy(Connection lab, WritePolicy policy) implements Connection {
        @Override
        public Place place() {
            return lab.place();
        }

        @Override
        public WritePolicy writePolicy() {
            return policy;
        }

        @Override
        public LoadBalancers loadBalancers() {
            return lab.loadBalancers();
        }

        @Override
        public AuditJournal journal() {
            return lab.journal();
        }

        @Override
        public LiveSources live() {
            return lab.live();
        }

        @Override
        public SecuritySource security() {
            return lab.security();
        }

        @Override
        public AgentFleet fleet() {
            return lab.fleet();
        }

        @Override
        public void close() {
            lab.close();
        }
    }
}
