package dev.triage.console.ui;

import static dev.triage.console.ui.LiveConsole.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.app.MainWindow;
import dev.triage.console.traffic.ProgressiveViewModel;
import dev.triage.console.traffic.TrafficViewModel;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.lab.up.LabTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
 * A progressive shift from the traffic screen against a live lab, headless: staff reads flow through the edge while
 * the shift moves the edge's rule to the replacement in two steps, each baked and gated on the replacement's success
 * as the agents measure it (core's LiveMetrics, per second); it ends with every request going to the replacement,
 * one journal entry per step.
 */
@ExtendWith(ApplicationExtension.class)
class ProgressiveShiftUiTest {

    /** Staff reads are sent in batches while the shift runs: at most this many batches (bounded load). */
    private static final int MAX_BATCHES = 200;

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
    void aTwoStepShiftBakedAndGatedOnLiveMetricsEndsWithTheReplacementServingEverything(FxRobot robot)
            throws Exception {
        MainWindow window = console.window;
        LabTopology lab = console.lab;
        waitFor(() -> window.traffic() != null
                && window.traffic().viewModel().loadedProperty().get());
        TrafficViewModel traffic = window.traffic().viewModel();
        assertThat(traffic.targetProperty().get()).isEqualTo("replacement");
        ProgressiveViewModel vm = traffic.progressive();
        FxWatchdog watchdog = console.watchFxThread();

        robot.clickOn("#progressiveButton");
        WaitForAsyncUtils.asyncFx(() -> {
                    vm.stepsProperty().set("50, 100");
                    vm.bakeSecondsProperty().set("2");
                    vm.successPercentProperty().set("90");
                    vm.p99MillisProperty().set("");
                    vm.minRequestsProperty().set("5");
                })
                .get(10, TimeUnit.SECONDS);
        AtomicBoolean stop = new AtomicBoolean();
        int[] batches = {0};
        Thread load = Thread.ofPlatform().name("staff-reads").start(() -> {
            try {
                while (!stop.get() && batches[0] < MAX_BATCHES) {
                    LiveLab.send(lab, 10);
                    batches[0]++;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            robot.clickOn("#progressiveStart");
            waitFor(() -> vm.runningProperty().get());
            waitFor(() -> !vm.runningProperty().get());
        } finally {
            stop.set(true);
        }
        String outcome = vm.messageProperty().get().text() + " / " + vm.lines();
        load.join(java.time.Duration.ofSeconds(120));
        assertThat(load.isAlive())
                .as("staff reads still running after the shift: " + java.util.Arrays.toString(load.getStackTrace())
                        + "; " + outcome)
                .isFalse();
        assertThat(batches[0]).isPositive();

        assertThat(vm.messageProperty().get().tone())
                .as(vm.messageProperty().get().text() + " / " + vm.lines())
                .isEqualTo(TrafficViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text())
                .startsWith("Done: replacement has all the traffic after 2 step(s)");
        assertThat(weights(console.connection.loadBalancers().rules("lab:listener/" + LabTopology.EDGE_LISTENER)))
                .containsEntry("replacement", 100)
                .containsEntry("legacy", 0);
        List<JournalEntry> steps = new AuditJournal(console.journal)
                .entries().stream()
                        .filter(entry -> entry.phase() == JournalEntry.Phase.FINAL)
                        .toList();
        assertThat(steps).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.reason()).contains("progressive shift step");
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        });

        long before = lab.replacement().stats().attempts();
        List<Integer> statuses = LiveLab.send(lab, 50);
        assertThat(statuses).hasSize(50);
        assertThat(lab.replacement().stats().attempts() - before).isEqualTo(50);

        console.assertFxThreadNotBlocked(watchdog, "ProgressiveShiftUiTest");
    }

    /** The forward weights of the edge's numbered rule, by target group name. */
    private static Map<String, Integer> weights(List<Rule> rules) {
        Rule rule = rules.stream().filter(r -> !r.isDefault()).findFirst().orElseThrow();
        Forward forward = (Forward) rule.action();
        return forward.targetGroups().stream()
                .collect(Collectors.toMap(
                        g -> g.targetGroupArn().substring(g.targetGroupArn().lastIndexOf('/') + 1),
                        WeightedTargetGroup::weight));
    }
}
