package dev.triage.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.BlockingForTest;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The watchdog the UI tests rely on fails when console code blocks the FX thread. */
@ExtendWith(ApplicationExtension.class)
class FxWatchdogTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("idle"), 200, 100));
        stage.show();
    }

    @Test
    void consoleCodeSleepingOnTheFxThreadIsCaught() throws Exception {
        try (FxWatchdog watchdog = FxWatchdog.start(100)) {
            Platform.runLater(() -> BlockingForTest.sleep(600));
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> !watchdog.blocks().isEmpty());

            assertThat(watchdog.consoleBlocked()).hasSize(1);
            assertThat(watchdog.consoleBlocked().getFirst()).contains("BlockingForTest.sleep");
        }
    }
}
