package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.lab.up.LabTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * The rule editor against a live lab, headless: add a maintenance rule (POST to /api/v1/notes*
 * answered 503 "maintenance") through the editor, see the lab's edge answer POSTs with it while a
 * GET on the same path still reaches HOSP, then undo it from the history and see POSTs reach HOSP
 * again. Interactions are counted from the traffic screen.
 */
@ExtendWith(ApplicationExtension.class)
class RuleEditorUiTest {

    private static final String PATH = "/api/v1/notes";

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
    void aMaintenanceRuleAddedInTheEditorAnswersPostsUntilItIsUndone(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        LabTopology lab = console.lab;
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel vm = window.traffic().viewModel();
        assertThat(send("POST").body()).isNotEqualTo("maintenance");
        FxWatchdog watchdog = console.watchFxThread();

        // add: new rule, path, + method, fixed-response body, preview, apply
        Flow add = new Flow();
        add.act(() -> robot.clickOn("#newRuleButton"));
        add.act(() -> robot.clickOn("#conditionValues-0"));
        add.act(() -> robot.write(PATH + "*"));
        add.act(() -> robot.clickOn("#add-http-request-method"));
        add.act(() -> robot.write("POST"));
        add.act(() -> robot.clickOn("#action-fixed-response"));
        add.act(() -> robot.write("maintenance"));
        add.act(() -> robot.clickOn("#rulePreviewButton"));
        waitFor(() -> robot.lookup("#ruleConfirmPane").query().isVisible());
        assertThat(text(robot, "#rulePlanPreview")).contains("CreateRule");
        add.act(() -> robot.clickOn("#ruleApplyButton"));
        waitFor(() -> vm.messageProperty().get().tone() != TrafficViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: add rule 1 to listener");
        assertThat(add.interactions()).isLessThanOrEqualTo(10);

        HttpResponse<String> post = send("POST");
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(post.body()).isEqualTo("maintenance");
        long before = lab.hosp().stats().attempts();
        HttpResponse<String> get = send("GET");
        assertThat(get.body()).isNotEqualTo("maintenance");
        assertThat(lab.hosp().stats().attempts()).isGreaterThan(before);

        // undo: the history row's Undo, then apply
        waitFor(() -> undoButton(robot) != null);
        Flow undo = new Flow();
        undo.act(() -> robot.clickOn(undoButton(robot)));
        waitFor(() -> robot.lookup("#confirmPane").query().isVisible());
        assertThat(text(robot, "#planPreview")).contains("delete rule 1 (when path-pattern is " + PATH + "*");
        undo.act(() -> robot.clickOn("#applyButton"));
        waitFor(() -> vm.history().size() == 2);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: undo ");
        assertThat(undo.interactions()).isLessThanOrEqualTo(3);

        console.assertFxThreadNotBlocked(watchdog, "RuleEditorUiTest");
        long beforeUndone = lab.hosp().stats().attempts();
        assertThat(send("POST").body()).isNotEqualTo("maintenance");
        assertThat(lab.hosp().stats().attempts()).isGreaterThan(beforeUndone);
    }

    private HttpResponse<String> send(String method) throws Exception {
        URI uri = console.lab.loadBalancer().resolve(PATH);
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

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return ((TextArea) node).getText();
    }
}
