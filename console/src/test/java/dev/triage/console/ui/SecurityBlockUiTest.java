package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.client.AgentClient;
import dev.triage.console.app.MainWindow;
import dev.triage.console.security.Alert;
import dev.triage.console.security.RemediationViewModel;
import dev.triage.console.security.SecurityScreen;
import dev.triage.console.security.StreamState;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.lab.LabDescription;
import dev.triage.core.lab.LabLoadBalancers;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The security screen's main flow against a live lab started by the test, headless (Monocle): an
 * attacker at 127.0.0.66 posts a patient note without credentials through the load balancer; the
 * alert shows; blocking it from its row takes three or fewer interactions; afterwards the edge
 * answers the attacker 403 while a request from 127.0.0.1 still passes.
 */
@ExtendWith(ApplicationExtension.class)
class SecurityBlockUiTest {

    private static final String ATTACKER = "127.0.0.66";

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
    void anUnauthenticatedNotePostShowsAsAnAlertAndBlockingItStopsOnlyTheAttacker(FxRobot robot) throws Exception {
        MainWindow window = console.window;
        LabTopology lab = console.lab;
        waitFor(() -> window.security() != null
                && window.security().alerts().streams().size() == lab.agents().size()
                && window.security().alerts().streams().stream().allMatch(s -> s.status() == StreamState.Status.LIVE));
        SecurityScreen screen = window.security();
        FxWatchdog watchdog = console.watchFxThread();

        assertThat(post(ATTACKER, "/patients/1/notes")).isNotEqualTo(403);

        waitFor(() -> screen.alerts().shownAlerts().stream().anyMatch(SecurityBlockUiTest::attackersWrite));
        waitFor(() -> blockButton(robot) != null);
        assertThat(screen.alerts().noticeProperty().get()).isNotNull();
        // the edge and the node agent that took the post both raise it; any critical alert counts
        assertThat(screen.alerts().noticeProperty().get().alert().severity())
                .isEqualTo(SecurityEvent.Severity.CRITICAL);
        assertThat(robot.lookup("#criticalBanner").query().isVisible()).isTrue();

        // block: the row's Block button, then Apply in the preview
        Flow block = new Flow();
        block.act(() -> clickWhileAttached(robot));
        waitFor(() -> robot.lookup("#securityConfirm").query().isVisible()
                && preview(robot).contains(ATTACKER + "/32"));
        block.act(() -> robot.clickOn("#securityApply"));
        waitFor(() -> screen.remediation().messageProperty().get().tone() != RemediationViewModel.Tone.INFO);
        assertThat(screen.remediation().messageProperty().get().text()).startsWith("Verified: block 127.0.0.66/32");
        assertThat(block.interactions()).isLessThanOrEqualTo(3);
        waitFor(() -> blockButton(robot) == null);

        console.assertFxThreadNotBlocked(watchdog, "SecurityBlockUiTest");

        try (AgentClient client = AgentClient.create();
                LabLoadBalancers lbs = new LabLoadBalancers(describe(lab), client)) {
            List<Rule> rules = lbs.rules("lab:listener/" + LabTopology.EDGE_LISTENER);
            assertThat(rules).anySatisfy(rule -> {
                assertThat(rule.conditions()).containsExactly(new SourceIp(List.of(ATTACKER + "/32")));
                assertThat(rule.action())
                        .isInstanceOfSatisfying(
                                FixedResponse.class,
                                f -> assertThat(f.statusCode()).isEqualTo(403));
            });
        }
        assertThat(post(ATTACKER, "/patients/1/notes")).isEqualTo(403);
        assertThat(get("127.0.0.1", "/hospitals/1")).isNotEqualTo(403);

        // the block is in the journal, undoable from the traffic screen's history
        WaitForAsyncUtils.asyncFx(() -> window.traffic().refresh()).get(10, TimeUnit.SECONDS);
        waitFor(() -> window.traffic().viewModel().history().size() == 1);
        JournalEntry entry = new AuditJournal(console.journal).entries().getLast();
        assertThat(entry.title()).startsWith("block 127.0.0.66/32");
        assertThat(entry.undoable()).isTrue();
    }

    /**
     * Clicks the attacker's Block button. Alerts from the other agents can still arrive and re-render
     * the table while the robot moves to the button, detaching the node it found: then it looks the
     * button up again (one interaction for the user, who would simply click the row they see).
     */
    private static void clickWhileAttached(FxRobot robot) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            WaitForAsyncUtils.waitForFxEvents();
            Node button = blockButton(robot);
            if (button == null || button.getScene() == null) {
                continue;
            }
            try {
                robot.clickOn(button);
                return;
            } catch (RuntimeException detached) {
                last = detached;
            }
        }
        throw new AssertionError("the attacker's Block button stayed detached from the window", last);
    }

    private static Node blockButton(FxRobot robot) {
        return robot.lookup("#block-127-0-0-66")
                .match(SecurityBlockUiTest::shown)
                .tryQuery()
                .orElse(null);
    }

    /**
     * In the scene and visible up to its root: a table also lays out invisible measuring cells
     * that carry the same button for a moment.
     */
    private static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean attackersWrite(Alert alert) {
        return alert.sourceIp().equals(ATTACKER) && alert.kind() == SecurityEvent.Kind.UNAUTHENTICATED_WRITE;
    }

    private int post(String from, String path) throws IOException {
        String body = "{\"text\":\"not a member of staff\"}";
        return Sockets.exchange(
                from,
                console.lab.loadBalancer(),
                "POST " + path + " HTTP/1.1\r\nHost: lab\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    private int get(String from, String path) throws IOException {
        return Sockets.exchange(
                from,
                console.lab.loadBalancer(),
                "GET " + path + " HTTP/1.1\r\nHost: lab\r\nAuthorization: " + LiveLab.DOCTOR
                        + "\r\nConnection: close\r\n\r\n");
    }

    private static LabDescription describe(LabTopology lab) {
        List<LabDescription.Agent> agents = lab.agents().stream()
                .map(a -> new LabDescription.Agent(
                        a.name(), a.role(), a.traffic().toString(), a.admin().toString(), a.token()))
                .toList();
        return new LabDescription(lab.loadBalancer().toString(), agents);
    }

    private static String preview(FxRobot robot) {
        Node node = robot.lookup("#securityPreview").query();
        return ((TextArea) node).getText();
    }
}
