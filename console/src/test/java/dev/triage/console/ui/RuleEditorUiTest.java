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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * The rule editor against a live lab, headless: add a maintenance rule (POST to /api/v1/notes*
 * answered 503 "maintenance") through the editor, see the lab's edge answer POSTs with it while a
 * GET on the same path still reaches HOSP, then undo it from the history and see POSTs reach HOSP
 * again. Interactions are counted from the traffic screen.
 */
@ExtendWith(ApplicationExtension.class)
class RuleEditorUiTest {

    private static final long WAIT_SECONDS = 90;
    private static final String PATH = "/api/v1/notes";

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
    void aMaintenanceRuleAddedInTheEditorAnswersPostsUntilItIsUndone(FxRobot robot) throws Exception {
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel vm = window.traffic().viewModel();
        assertThat(send("POST").body()).isNotEqualTo("maintenance");
        FxWatchdog watchdog = FxWatchdog.start(100);
        tasks.resetTimings();

        // add: new rule, path, + method, fixed-response body, preview, apply
        interactions = 0;
        act(() -> robot.clickOn("#newRuleButton"));
        act(() -> robot.clickOn("#conditionValues-0"));
        act(() -> robot.write(PATH + "*"));
        act(() -> robot.clickOn("#add-http-request-method"));
        act(() -> robot.write("POST"));
        act(() -> robot.clickOn("#action-fixed-response"));
        act(() -> robot.write("maintenance"));
        act(() -> robot.clickOn("#rulePreviewButton"));
        waitFor(() -> robot.lookup("#ruleConfirmPane").query().isVisible());
        assertThat(text(robot, "#rulePlanPreview")).contains("CreateRule");
        act(() -> robot.clickOn("#ruleApplyButton"));
        waitFor(() -> vm.messageProperty().get().tone() != TrafficViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: add rule 1 to listener");
        assertThat(interactions).isLessThanOrEqualTo(10);

        HttpResponse<String> post = send("POST");
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(post.body()).isEqualTo("maintenance");
        long before = lab.hosp().stats().attempts();
        HttpResponse<String> get = send("GET");
        assertThat(get.body()).isNotEqualTo("maintenance");
        assertThat(lab.hosp().stats().attempts()).isGreaterThan(before);

        // undo: the history row's Undo, then apply
        waitFor(() -> undoButton(robot) != null);
        interactions = 0;
        act(() -> robot.clickOn(undoButton(robot)));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible());
        assertThat(text(robot, "#planPreview")).contains("delete rule 1 (when path-pattern is " + PATH + "*");
        act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.history().size() == 2);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: undo ");
        assertThat(interactions).isLessThanOrEqualTo(3);

        watchdog.close();
        watchdog.report("RuleEditorUiTest", tasks.slowestCallbacks());
        assertThat(watchdog.consoleBlocked())
                .as("console code blocking the FX thread")
                .isEmpty();
        long beforeUndone = lab.hosp().stats().attempts();
        assertThat(send("POST").body()).isNotEqualTo("maintenance");
        assertThat(lab.hosp().stats().attempts()).isGreaterThan(beforeUndone);
    }

    private HttpResponse<String> send(String method) throws Exception {
        URI uri = lab.loadBalancer().resolve(PATH);
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", LiveLab.DOCTOR)
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            method.equals("GET")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}"))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The Undo of a history row on screen (a table re-laid out keeps detached cells too). */
    private static Node undoButton(FxRobot robot) {
        return robot.lookup(".undo-button")
                .match((Node n) -> n.getScene() != null && n.isVisible() && n.getId() != null)
                .tryQuery()
                .orElse(null);
    }

    private void act(Runnable interaction) {
        interactions++;
        interaction.run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return ((TextArea) node).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
