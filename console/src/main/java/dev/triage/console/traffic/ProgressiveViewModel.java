package dev.triage.console.traffic;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import dev.triage.console.fx.Messages;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.Sleeper;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.Metrics;
import dev.triage.core.shift.Gates;
import dev.triage.core.shift.Progress;
import dev.triage.core.shift.ProgressiveShift;
import dev.triage.core.shift.ShiftResult;
import dev.triage.core.shift.ShiftSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The traffic screen's progressive shift of the selected forward rule to the chosen target group: steps, bake time,
 * gates (success ratio, optional p99, minimum requests), Start through the write guard, a line per step as it goes,
 * and Cancel (which rolls back). The whole run is one background task ({@link Tasks}); core's {@link
 * ProgressiveShift} does the work, every step and the rollback through the change path. Knows no Node.
 */
public final class ProgressiveViewModel {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final Tasks tasks;
    private final String actor;
    private final WriteGuard guard;
    private final ObjectProperty<TrafficState.RuleRow> selected;
    private final ObjectProperty<String> target;
    private final Runnable afterwards;
    private final Clock clock;
    private final Sleeper sleeper;

    private Metrics metrics;
    private Duration period = Duration.ofSeconds(1);

    private final BooleanProperty open = new SimpleBooleanProperty();
    private final StringProperty steps = new SimpleStringProperty("1, 5, 25, 50, 100");
    private final StringProperty bakeSeconds = new SimpleStringProperty("60");
    private final StringProperty successPercent = new SimpleStringProperty("99");
    private final StringProperty p99Millis = new SimpleStringProperty("");
    private final StringProperty minRequests = new SimpleStringProperty("100");
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObjectProperty<TrafficViewModel.Message> message =
            new SimpleObjectProperty<>(TrafficViewModel.Message.NONE);
    private final BooleanProperty running = new SimpleBooleanProperty();

    private int stepCount;

    private final AtomicReference<ProgressiveShift> shift = new AtomicReference<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    ProgressiveViewModel(
            LoadBalancers loadBalancers,
            ChangePlanner planner,
            ChangeApplier applier,
            Tasks tasks,
            String actor,
            WriteGuard guard,
            ObjectProperty<TrafficState.RuleRow> selected,
            ObjectProperty<String> target,
            Runnable afterwards,
            Clock clock,
            Sleeper sleeper) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        this.guard = requireNonNull(guard, "guard");
        this.selected = requireNonNull(selected, "selected");
        this.target = requireNonNull(target, "target");
        this.afterwards = requireNonNull(afterwards, "afterwards");
        this.clock = requireNonNull(clock, "clock");
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    /**
     * The metrics the gates read and their period: 1 s for the lab's agents, 60 s for CloudWatch. Without them
     * Start is refused.
     */
    public void metrics(Metrics source, Duration metricsPeriod) {
        this.metrics = requireNonNull(source, "source");
        this.period = requireNonNull(metricsPeriod, "metricsPeriod");
        if (bakeSeconds.get().equals("60") && metricsPeriod.toSeconds() > 60) {
            bakeSeconds.set(Long.toString(metricsPeriod.toSeconds()));
        }
    }

    /** Shows the form for the selected rule and target group. */
    public void open() {
        TrafficState.RuleRow row = selected.get();
        if (row == null || !row.forwards() || target.get() == null) {
            say(TrafficViewModel.Tone.ERROR, "Choose a rule that forwards to target groups first.");
            return;
        }
        open.set(true);
        if (!running.get()) {
            say(TrafficViewModel.Tone.INFO, "Progressive shift of " + row.label() + " to " + target.get());
        }
    }

    /** Hides the form; a run goes on (cancel it with {@link #cancel}). */
    public void close() {
        if (!running.get()) {
            open.set(false);
            guard.clear();
        }
    }

    /**
     * Starts the shift: refused while one runs, when the form does not parse (saying which field), when the guard
     * refuses, or without metrics; otherwise one background task runs every step, posting progress here.
     */
    public void start() {
        if (running.get()) {
            return;
        }
        TrafficState.RuleRow row = selected.get();
        String name = target.get();
        if (row == null || !row.forwards() || name == null) {
            say(TrafficViewModel.Tone.ERROR, "Choose a rule that forwards to target groups first.");
            return;
        }
        if (metrics == null) {
            say(
                    TrafficViewModel.Tone.ERROR,
                    "Not started: this connection has no metrics for the gates to read; use the one-click shift.");
            return;
        }
        Form form;
        try {
            form = form();
        } catch (IllegalArgumentException | CoreException bad) {
            say(TrafficViewModel.Tone.ERROR, "Not started: " + Messages.reason(bad));
            return;
        }
        Optional<String> refused = guard.refusal();
        if (refused.isPresent()) {
            say(TrafficViewModel.Tone.ERROR, "Not started: " + refused.get());
            return;
        }
        String targetArn = row.groupArn(name).orElse(null);
        if (targetArn == null) {
            say(TrafficViewModel.Tone.ERROR, "Not started: " + row.label() + " does not forward to " + name);
            return;
        }
        String title = "progressive shift of " + row.label() + " to " + name;
        Metrics source = metrics;
        Duration every = period;
        stepCount = form.percents().size();
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < stepCount; i++) {
            waiting.add(line(i + 1, stepCount, form.percents().get(i), "waiting"));
        }
        lines.setAll(waiting);
        cancelRequested.set(false);
        shift.set(null);
        running.set(true);
        say(TrafficViewModel.Tone.INFO, "Running: " + title + " ...");
        tasks.run(
                "progressive shift",
                () -> {
                    String lb = loadBalancerOf(row.rule().listenerArn());
                    ShiftSettings settings = new ShiftSettings(
                            lb,
                            row.rule().listenerArn(),
                            row.arn(),
                            targetArn,
                            form.percents(),
                            form.bake(),
                            every,
                            form.gates());
                    ProgressiveShift run = new ProgressiveShift(
                            loadBalancers,
                            planner,
                            applier,
                            source,
                            clock,
                            sleeper,
                            settings,
                            actor,
                            "console: " + title);
                    shift.set(run);
                    if (cancelRequested.get()) {
                        run.cancel();
                    }
                    return run.run(p -> tasks.ui(() -> progress(p)));
                },
                this::finished,
                failure -> {
                    shift.set(null);
                    say(TrafficViewModel.Tone.ERROR, "Not started: " + Messages.reason(failure));
                    running.set(false);
                    afterwards.run();
                });
    }

    /** Stops a running shift; it rolls back to the weights from before its first step. */
    public void cancel() {
        if (!running.get()) {
            close();
            return;
        }
        cancelRequested.set(true);
        ProgressiveShift run = shift.get();
        if (run != null) {
            run.cancel();
        }
        say(TrafficViewModel.Tone.INFO, "Cancelling: rolling back to the weights from before the first step ...");
    }

    private void finished(ShiftResult result) {
        shift.set(null);
        TrafficViewModel.Tone tone = result.outcome() == ShiftResult.Outcome.DONE
                ? TrafficViewModel.Tone.SUCCESS
                : TrafficViewModel.Tone.ERROR;
        String text = switch (result.outcome()) {
            case DONE -> "Done: " + result.reason() + ".";
            case ROLLED_BACK -> "Rolled back: " + result.reason() + ".";
            case STOPPED -> "Stopped, check the rule: " + result.reason() + ".";
        };
        say(tone, text);
        running.set(false); // last: whoever waits for the run to end sees its outcome
        afterwards.run();
    }

    private void progress(Progress p) {
        switch (p.state()) {
            case ROLLING_BACK -> rollback("rolling back: " + p.words());
            case ROLLED_BACK -> rollback("rolled back: " + p.words());
            case STOPPED -> rollback("stopped: " + p.words());
            case DONE -> {}
            default -> {
                if (p.step() >= 1 && p.step() <= steps()) {
                    lines.set(p.step() - 1, line(p.step(), p.steps(), p.percent(), state(p)));
                }
            }
        }
    }

    private static String state(Progress p) {
        return switch (p.state()) {
            case APPLYING -> "applying";
            case BAKING -> "baking until " + TIME.format(p.until());
            case WAITING_FOR_TRAFFIC -> "waiting for traffic until " + TIME.format(p.until()) + ": " + p.words();
            case GATE_PASSED -> "passed: " + p.words();
            case GATE_FAILED -> "failed: " + p.words();
            default -> p.state().toString();
        };
    }

    /** The line after the steps' lines saying how the rollback (or the stop) went. */
    private void rollback(String text) {
        String line = "Rollback: " + text;
        if (lines.size() > steps()) {
            lines.set(steps(), line);
        } else {
            lines.add(line);
        }
    }

    private int steps() {
        return stepCount;
    }

    private static String line(int step, int steps, int percent, String state) {
        return "Step " + step + " of " + steps + " (" + percent + "%): " + state;
    }

    private String loadBalancerOf(String listenerArn) {
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            if (loadBalancers.listeners(lb.arn()).stream().anyMatch(l -> l.arn().equals(listenerArn))) {
                return lb.arn();
            }
        }
        throw new CoreException.NotFound("listener", listenerArn);
    }

    /** The form as parsed: IllegalArgumentException naming the field that does not parse. */
    private record Form(List<Integer> percents, Duration bake, Gates gates) {}

    private Form form() {
        List<Integer> percents = new ArrayList<>();
        for (String part : steps.get().split("[,\\s]+")) {
            if (!part.isBlank()) {
                percents.add(number("steps", part.strip()));
            }
        }
        long bake = number("bake time", bakeSeconds.get());
        double success = decimal("success threshold", successPercent.get());
        String p99 = p99Millis.get() == null ? "" : p99Millis.get().strip();
        Duration limit = p99.isEmpty() ? null : Duration.ofMillis(number("p99 limit", p99));
        long least = number("minimum requests", minRequests.get());
        if (success < 0 || success > 100) {
            throw new IllegalArgumentException("success threshold: " + success + "% (expected: 0 to 100%)");
        }
        if (bake % Math.max(1, period.toSeconds()) != 0) {
            throw new IllegalArgumentException("bake time: " + bake + " s (expected: a whole number of the metrics' "
                    + period.toSeconds() + " s periods)");
        }
        Gates gates = new Gates(success / 100, limit, least);
        // Validate the steps and bake now, where the user typed them (the ARNs are checked when the run starts).
        new ShiftSettings("lb", "listener", "rule", "target", percents, Duration.ofSeconds(bake), period, gates);
        return new Form(List.copyOf(percents), Duration.ofSeconds(bake), gates);
    }

    private static int number(String field, String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" (expected: a whole number)");
        }
    }

    private static double decimal(String field, String text) {
        try {
            return Double.parseDouble(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" (expected: a number such as 99.5)");
        }
    }

    private void say(TrafficViewModel.Tone tone, String text) {
        message.set(new TrafficViewModel.Message(tone, text));
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty bakeSecondsProperty() {
        return bakeSeconds;
    }

    public StringProperty successPercentProperty() {
        return successPercent;
    }

    /** Empty: no latency gate. */
    public StringProperty p99MillisProperty() {
        return p99Millis;
    }

    public StringProperty minRequestsProperty() {
        return minRequests;
    }

    /** One line per step: waiting, applying, baking until, passed or failed with the measured values. */
    public ObservableList<String> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<TrafficViewModel.Message> messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public WriteGuard guard() {
        return guard;
    }
}
