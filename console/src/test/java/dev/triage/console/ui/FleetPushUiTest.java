package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.client.AgentClient;
import dev.triage.console.app.MainWindow;
import dev.triage.console.fleet.FleetViewModel;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The Fleet screen's main flow against a live lab started by the test, headless (Monocle): edit a
 * route's retry attempts and push it, then the same for the nodes' reads route, and see every
 * agent's config version change, read back through the agents' admin API. Interactions are counted
 * from the Fleet screen: a push of an edited value of the route shown takes three.
 */
@ExtendWith(ApplicationExtension.class)
class FleetPushUiTest {

    @TempDir
    static Path home;

    private LiveConsole console;

    @Start
    void start(Stage stage) throws Exception {
        console = LiveConsole.start(stage, home, MainWindow.Screen.FLEET);
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void pushingAnEditedRetryPolicyChangesEveryAgentsConfigVersion(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        waitFor(() -> window.fleet() != null
                && window.fleet().viewModel().loadedProperty().get()
                && "all".equals(window.fleet().viewModel().routeProperty().get()));
        FleetViewModel vm = window.fleet().viewModel();
        Map<String, String> before = versions();
        assertThat(before).containsOnlyKeys("edge", "node-1", "node-2");
        FxWatchdog watchdog = console.watchFxThread();

        // the edge's route "all", shown first: select the attempts, type 4, push
        Flow edge = new Flow();
        edge.act(() -> robot.doubleClickOn("#retryMaxAttempts"));
        edge.act(() -> robot.write("4"));
        waitFor(() -> robot.lookup("#pushConfirmPane").query().isVisible()
                && preview(robot).contains("retry.maxAttempts: 3 -> 4"));
        assertThat(preview(robot)).contains("route all on edge").contains("accepted by edge");
        edge.act(() -> robot.clickOn("#pushButton"));
        waitFor(() -> vm.messageProperty().get().tone() != FleetViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).isEqualTo("Applied to edge: route all.");
        int edgePush = edge.interactions();
        assertThat(edgePush).isLessThanOrEqualTo(3);

        // the nodes' route "reads": choose it, select the attempts, type 6, push
        Flow nodes = new Flow();
        nodes.act(() -> robot.clickOn("#route-reads"));
        waitFor(() -> vm.targets().size() == 2);
        nodes.act(() -> robot.doubleClickOn("#retryMaxAttempts"));
        nodes.act(() -> robot.write("6"));
        waitFor(() -> robot.lookup("#pushConfirmPane").query().isVisible()
                && preview(robot).contains("retry.maxAttempts: 8 -> 6"));
        assertThat(preview(robot)).contains("route reads on node-1, node-2").contains("rolling");
        nodes.act(() -> robot.clickOn("#pushButton"));
        waitFor(() -> vm.messageProperty().get().tone() != FleetViewModel.Tone.INFO);
        assertThat(vm.messageProperty().get().text()).isEqualTo("Applied to node-1, node-2: route reads.");
        int nodesPush = nodes.interactions();
        assertThat(nodesPush).isLessThanOrEqualTo(4);

        console.assertFxThreadNotBlocked(watchdog, "FleetPushUiTest");
        System.out.println("FleetPushUiTest: interactions for a push of an edited value of the route shown: " + edgePush
                + "; with choosing another route first: " + nodesPush);

        Map<String, String> after = versions();
        for (String agent : before.keySet()) {
            assertThat(after.get(agent)).as(agent).isNotEqualTo(before.get(agent));
        }
        assertThat(attempts("edge", "all")).isEqualTo(4);
        assertThat(attempts("node-1", "reads")).isEqualTo(6);
        assertThat(attempts("node-2", "reads")).isEqualTo(6);
        waitFor(() -> vm.agents().stream()
                .allMatch(r -> r.configVersion().equals(after.get(r.name()))
                        && r.outcome().startsWith("applied: ") == !r.name().equals("edge")));
        assertThat(vm.agents()).allMatch(r -> r.drift().equals("in sync"));
    }

    /** Each agent's config version, read through its admin API. */
    private Map<String, String> versions() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (AgentClient client = AgentClient.create()) {
            for (LabTopology.LabAgent agent : console.lab.agents()) {
                out.put(
                        agent.name(),
                        client.status(agent.endpoint())
                                .get(30, TimeUnit.SECONDS)
                                .configVersion());
            }
        }
        return out;
    }

    private int attempts(String agent, String route) throws Exception {
        try (AgentClient client = AgentClient.create()) {
            AgentConfig config = client.config(console.lab.agent(agent).endpoint())
                    .get(30, TimeUnit.SECONDS)
                    .config();
            return config.listeners().stream()
                    .flatMap(l -> l.rules().stream())
                    .filter(r -> r.name().equals(route))
                    .map(Rule::policy)
                    .findFirst()
                    .orElseThrow()
                    .retry()
                    .maxAttempts();
        }
    }

    private static String preview(FxRobot robot) {
        return ((TextArea) robot.lookup("#pushPreview").query()).getText();
    }
}
