package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.console.app.MainWindow;
import dev.triage.console.connection.Connection;
import dev.triage.console.security.AccessLogViewModel;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.security.LogFindingKind;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * "From access logs" with the CDN's address ranges, against a live lab started by the test, headless (Monocle): the
 * edge agent logs every request; staff desks (127.0.0.10..29) and an attacker at 127.0.0.66 holding a doctor's
 * stolen credentials post patient notes over sockets bound to their addresses, all answered 2xx. With ranges that
 * cover the desks (the lab's stand-in for the CDN) the scan names the attacker's writes and no desk. (The lab's own
 * attacker only ever posts without valid credentials, answered 401: no 2xx write to find.)
 */
@ExtendWith(ApplicationExtension.class)
class AccessLogCdnUiTest {

    private static final String ATTACKER = "127.0.0.66";
    private static final String RANGES = "127.0.0.8/29, 127.0.0.16/28";

    @TempDir
    static Path home;

    private LiveConsole console;
    private Path settingsHome;
    private Path edgeLog;
    private int sent;
    private final Gate gate = new Gate();

    @Start
    void start(Stage stage) throws Exception {
        LabTopology lab = LiveLab.start();
        long run = System.nanoTime();
        edgeLog = home.resolve("edge-access-" + run + ".jsonl");
        logAtTheEdge(lab, edgeLog);
        settingsHome = home.resolve("settings-" + run);
        Files.createDirectories(settingsHome);
        // a range remembered from an earlier run: the field opens with it
        Files.writeString(settingsHome.resolve("console.properties"), "cdn.ranges.lab=127.0.0.8/29\n");
        console = LiveConsole.start(
                stage,
                lab,
                home,
                MainWindow.Screen.SECURITY,
                settingsHome,
                connection -> new GatedLogs(connection, gate));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void writesAnswered2xxFromOutsideTheCdnRangesNameTheAttackerAndNoStaffDesk(FxRobot robot) throws Exception {
        waitFor(() -> console.window.security() != null);
        AccessLogViewModel vm = console.window.security().accessLogs();
        FxWatchdog watchdog = console.watchFxThread();

        List<Integer> staff = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            staff.add(postNote("127.0.0." + (10 + i), 1 + i, LiveLab.DOCTOR));
        }
        List<Integer> attacker = new ArrayList<>();
        attacker.add(postNote(ATTACKER, 2, null)); // the lab attacker's usual: no credentials, 401
        for (int i = 0; i < 3; i++) {
            attacker.add(postNote(ATTACKER, 40 + i, LiveLab.DOCTOR)); // stolen credentials: answered 2xx
        }
        assertThat(attacker).as("the attacker's posts").contains(401).anyMatch(AccessLogCdnUiTest::success);
        assertThat(staff).as("staff posts").anyMatch(AccessLogCdnUiTest::success);
        waitFor(() -> Files.exists(edgeLog) && Files.readAllLines(edgeLog).size() >= sent);

        LiveConsole.selectTab(robot, "accessLogTab");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea ranges = robot.lookup("#accessLogCdnRanges").queryAs(TextArea.class);
        assertThat(ranges.getText()).as("remembered from the settings").isEqualTo("127.0.0.8/29");

        // a mistake is named as it is typed, and Scan waits for the fix
        robot.clickOn(ranges).write(", 127.0.0.300/28");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label(robot, "#accessLogCdnRangesMessage"))
                .startsWith("Entry 2 of 2, '127.0.0.300/28': not a CIDR block (expected:");
        assertThat(robot.lookup("#accessLogScan").queryAs(Button.class).isDisabled())
                .isTrue();
        robot.eraseText("127.0.0.300/28".length()).write("127.0.0.16/28");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ranges.getText()).isEqualTo(RANGES);
        assertThat(label(robot, "#accessLogCdnRangesMessage")).startsWith("2 CDN range(s)");

        robot.clickOn("#accessLogScan");
        waitFor(() ->
                !vm.scanningProperty().get() && label(robot, "#accessLogStatus").contains("range(s) used"));
        assertThat(label(robot, "#accessLogStatus")).contains("2 CDN range(s) used");

        TableView<?> table = robot.lookup("#accessLogTable").queryAs(TableView.class);
        assertThat(table.getItems()).isNotEmpty();
        assertThat(vm.findings())
                .anySatisfy(row -> {
                    assertThat(row.kind()).isEqualTo(LogFindingKind.WRITE_OUTSIDE_CDN.label());
                    assertThat(row.source()).isEqualTo(ATTACKER);
                    assertThat(row.count())
                            .isEqualTo(attacker.stream()
                                    .filter(AccessLogCdnUiTest::success)
                                    .count());
                    assertThat(row.severity()).isEqualTo("CRITICAL");
                })
                .allSatisfy(row -> assertThat(row.source()).isEqualTo(ATTACKER));

        console.assertFxThreadNotBlocked(watchdog, "AccessLogCdnUiTest");

        console.closeWindow();
        assertThat(Files.readString(settingsHome.resolve("console.properties")))
                .as("the ranges are remembered for the lab")
                .contains("cdn.ranges.lab=" + RANGES);
    }

    @Test
    void cancelStopsAScanThatIsStillReadingAndShowsNothingFromIt(FxRobot robot) throws Exception {
        waitFor(() -> console.window.security() != null);
        AccessLogViewModel vm = console.window.security().accessLogs();
        for (int i = 0; i < 3; i++) {
            postNote(ATTACKER, 40 + i, LiveLab.DOCTOR);
        }
        waitFor(() -> Files.exists(edgeLog) && Files.readAllLines(edgeLog).size() >= sent);
        gate.armed = true;

        LiveConsole.selectTab(robot, "accessLogTab");
        robot.clickOn("#accessLogScan");
        assertThat(gate.reading.await(LiveConsole.WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the scan reached its second entry")
                .isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.scanningProperty().get()).isTrue();
        robot.clickOn("#accessLogCancel");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(label(robot, "#accessLogStatus")).startsWith("Scan cancelled");
        waitFor(() -> gate.closed);
        assertThat(gate.released)
                .as("the read was interrupted, not let through")
                .isFalse();
        gate.release.countDown();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.findings()).isEmpty();
        assertThat(label(robot, "#accessLogStatus")).startsWith("Scan cancelled");
        assertThat(robot.lookup("#accessLogScan").queryAs(Button.class).isDisabled())
                .isFalse();

        // the next scan runs to the end
        robot.clickOn("#accessLogScan");
        waitFor(() ->
                !vm.scanningProperty().get() && label(robot, "#accessLogStatus").contains("finding(s) in"));
        assertThat(label(robot, "#accessLogStatus")).contains(sent + " log entries");
    }

    /** Holds the first scan at its second entry until released (or interrupted by Cancel). */
    private static final class Gate {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;
        volatile boolean closed;
        volatile boolean released;

        AccessLogs around(AccessLogs logs) {
            return (arn, from, to) -> {
                Stream<AlbLogEntry> entries = logs.entries(arn, from, to);
                if (!armed) {
                    return entries;
                }
                armed = false;
                AtomicLong served = new AtomicLong();
                return entries.peek(e -> {
                            if (served.incrementAndGet() == 2) {
                                reading.countDown();
                                try {
                                    released = release.await(LiveConsole.WAIT_SECONDS, TimeUnit.SECONDS);
                                } catch (InterruptedException interrupted) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        })
                        .onClose(() -> closed = true);
            };
        }
    }

    /** The lab connection with its access logs passed through the gate. */
    private record GatedLogs(Connection delegate, Gate gate) implements ForwardingConnection {
        @Override
        public Optional<AccessLogs> accessLogs() {
            return delegate.accessLogs().map(gate::around);
        }
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static String label(FxRobot robot, String id) {
        String text = robot.lookup(id).queryAs(Label.class).getText();
        return text == null ? "" : text;
    }

    /** Turns on the edge agent's JSON-lines access log through its admin API, as the embedded lab does. */
    private static void logAtTheEdge(LabTopology lab, Path file) throws Exception {
        LabTopology.LabAgent edge = lab.agent("edge");
        try (AgentClient client = AgentClient.create()) {
            VersionedConfig current = client.config(edge.endpoint()).get(10, TimeUnit.SECONDS);
            client.pushConfig(
                            edge.endpoint(),
                            current.config().withAccessLog(new AccessLog(true, file.toString())),
                            current.etag())
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** A note posted over a socket bound to {@code from}; the status code of the answer. */
    private int postNote(String from, int patient, String authorization) throws IOException {
        String body = "{\"text\":\"note from " + from + "\"}";
        String request = "POST /patients/" + patient + "/notes HTTP/1.1\r\nHost: lab\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        int status = Sockets.exchange(from, console.lab.loadBalancer(), request);
        sent++;
        return status;
    }
}
