package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.security.RemediationViewModel;
import dev.triage.console.security.RotationViewModel;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.security.CdnHeaderRequirement;
import dev.triage.core.security.RotationState;
import dev.triage.lab.up.LabTopology;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The CDN secret rotation panel against a live lab, headless: with the header required at the edge
 * and in every agent's gate, the panel finds the scope, starts, overlaps (both values pass at the
 * load balancer), waits for the user's word that the CDN switched, retires the old value (it is
 * refused from then on, the new one passes) and finishes.
 */
@ExtendWith(ApplicationExtension.class)
class RotationUiTest {

    private static final String HEADER = RotationViewModel.DEFAULT_HEADER;
    private static final String OLD = "old-origin-secret-4f1d9c0b7a2e";

    @TempDir
    static Path home;

    private LiveConsole console;

    @Start
    void start(Stage stage) throws Exception {
        console = LiveConsole.start(stage, home, MainWindow.Screen.SECURITY);
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void theOldValueIsAcceptedAlongsideTheNewUntilItIsRetiredAfterTheCdnSwitched(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        waitFor(() -> window.security() != null);
        requireHeaderEverywhere();
        assertThat(status(null)).isEqualTo(403);
        assertThat(status(OLD)).isNotEqualTo(403);

        RotationViewModel vm = window.security().rotation();
        FxWatchdog watchdog = console.watchFxThread();
        LiveConsole.selectTab(robot, "rotationTab");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#rotationScope");
        waitFor(() -> vm.listeners().size() == 1
                && vm.agents().size() == console.lab.agents().size());
        robot.clickOn("#rotationOld").write(OLD);
        robot.clickOn("#rotationGenerate");
        WaitForAsyncUtils.waitForFxEvents();
        String fresh = vm.newValueProperty().get();
        assertThat(fresh).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(OLD);

        robot.clickOn("#rotationStart");
        waitFor(() ->
                stage(vm) == RotationState.Stage.START && !vm.busyProperty().get());
        robot.clickOn("#rotationOverlap");
        waitFor(() -> stage(vm) == RotationState.Stage.OVERLAP
                && vm.stateProperty().get().complete()
                && !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.instructionProperty().get()).contains("I switched the CDN");
        assertThat(status(OLD)).isNotEqualTo(403);
        assertThat(status(fresh)).isNotEqualTo(403);
        assertThat(vm.parts()).allSatisfy(part -> assertThat(part.done()).isTrue());
        assertThat(robot.lookup("#rotationRetire").queryButton().isDisabled())
                .as("retire before the CDN is confirmed switched")
                .isTrue();

        robot.clickOn("#rotationConfirm");
        waitFor(() ->
                vm.stateProperty().get().cdnSwitched() && !vm.busyProperty().get());
        robot.clickOn("#rotationRetire");
        waitFor(() -> stage(vm) == RotationState.Stage.RETIRED
                && vm.stateProperty().get().complete()
                && !vm.busyProperty().get());
        assertThat(status(OLD)).isEqualTo(403);
        assertThat(status(fresh)).isNotEqualTo(403);

        robot.clickOn("#rotationFinish");
        waitFor(() -> vm.stateProperty().get().closed() && !vm.busyProperty().get());
        assertThat(vm.messageProperty().get().tone()).isEqualTo(RemediationViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).doesNotContain(OLD).doesNotContain(fresh);

        console.assertFxThreadNotBlocked(watchdog, "RotationUiTest");
    }

    /** What the security screen's "require the CDN header" fix does: the edge's rules, then every agent's gate. */
    private void requireHeaderEverywhere() {
        Connection connection = console.connection;
        ChangePlanner planner = new ChangePlanner(connection.loadBalancers());
        ChangeApplier applier = new ChangeApplier(connection.loadBalancers(), connection.journal());
        CdnHeaderRequirement requirement =
                new CdnHeaderRequirement(planner, applier, connection.fleet(), connection.journal());
        List<String> agents = connection.fleet().agents().stream()
                .map(AgentFleet.AgentInfo::name)
                .toList();
        CdnHeaderRequirement.Plan plan =
                requirement.plan("lab:listener/" + LabTopology.EDGE_LISTENER, HEADER, List.of(OLD), agents);
        CdnHeaderRequirement.Outcome outcome = requirement.apply(plan, List.of(OLD), "test", "rotation ui test");
        assertThat(outcome.status()).isEqualTo(CdnHeaderRequirement.Status.DONE);
    }

    private static RotationState.Stage stage(RotationViewModel vm) {
        RotationState state = vm.stateProperty().get();
        return state == null ? null : state.stage();
    }

    /** A staff read through the load balancer with the header set to {@code value} (none when null). */
    private int status(String value) throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            console.lab.loadBalancer().resolve("/hospitals/1"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", LiveLab.DOCTOR);
            if (value != null) {
                request.header(HEADER, value);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
