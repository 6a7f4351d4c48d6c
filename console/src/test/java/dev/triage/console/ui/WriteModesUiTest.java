package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.traffic.TrafficViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

    private static final String PROFILE = "shop-prod";

    @TempDir
    static Path home;

    private LiveConsole console;

    @Start
    void start(Stage stage) throws Exception {
        console = LiveConsole.start(
                stage,
                LiveLab.start(),
                home,
                MainWindow.Screen.TRAFFIC,
                home.resolve("settings"),
                lab -> new WithPolicy(lab, WritePolicy.of(WritePolicy.Mode.PROTECTED, PROFILE)));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void aProtectedProfileShiftsOnlyOnceItsNameIsTypedAndReadOnlyDisablesApply(FxRobot robot) throws Exception {
        MainWindow window = console.window;
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

    /** The lab as an AWS profile with a mode would be: the same connection, another write policy. */
    private record WithPolicy(Connection delegate, WritePolicy writePolicy) implements ForwardingConnection {}
}
