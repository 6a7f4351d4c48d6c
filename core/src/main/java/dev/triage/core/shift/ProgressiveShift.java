package dev.triage.core.shift;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.RuleWeights;
import dev.triage.core.change.Sleeper;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.Metrics;
import dev.triage.core.shift.Progress.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moves a forwarding rule's traffic to one target group step by step, with gates and automatic rollback. For
 * each step: plan the weights ({@link ChangePlanner#shiftWeights}: the target group the step's percent of 100,
 * the others the rest in proportion to their weights before the shift), apply them ({@link ChangeApplier#apply}:
 * drift-checked, journalled, verified), bake for {@link ShiftSettings#bake()}, read the target group's request
 * count, target 5xx count (and p99 when gated) over the bake window through {@link Metrics}, and check the
 * {@link Gates}. The window runs from the first whole period after the step was applied to the last whole period
 * before the gate is read.
 *
 * <p>It rolls back, in one more plan through the same path (journalled), to the weights read before the first
 * step when: a gate fails (the reason names the gate, the measured value and the threshold); there was not
 * enough traffic after a second bake; the metrics could not be read; a step's apply did not verify or failed; or
 * {@link #cancel} was called. It does NOT roll back when a step is refused for drift (someone else changed the
 * rule since: rolling back would overwrite their change); it stops and says so. A step whose weights already
 * hold is not applied again but still bakes and is gated.
 *
 * <p>Blocking and single use: {@link #run} on one background thread, {@link #cancel} from any thread (it
 * interrupts the bake; an apply in progress is let finish, then the rollback follows).
 */
public final class ProgressiveShift {

    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final Metrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ShiftSettings settings;
    private final String actor;
    private final String reason;

    private final Object lock = new Object();
    private boolean cancelled;
    private Thread baking;
    private boolean started;

    public ProgressiveShift(
            LoadBalancers loadBalancers,
            ChangePlanner planner,
            ChangeApplier applier,
            Metrics metrics,
            Clock clock,
            Sleeper sleeper,
            ShiftSettings settings,
            String actor,
            String reason) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        this.sleeper = requireNonNull(sleeper, "sleeper");
        this.settings = requireNonNull(settings, "settings");
        this.actor = requireNonNull(actor, "actor");
        this.reason = requireNonNull(reason, "reason");
    }

    /** Stops the shift and rolls it back; safe from any thread, at any time, more than once. */
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
            if (baking != null) {
                baking.interrupt();
            }
        }
    }

    public boolean cancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    /**
     * Runs the shift to its end, reporting each state to {@code progress} (on this thread). Throws NotFound
     * when there is no such rule, Invalid when it does not forward to the target group or the target group
     * already has all the traffic (nothing applied then); every later failure ends in the result.
     */
    public ShiftResult run(Consumer<Progress> progress) {
        requireNonNull(progress, "progress");
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("a progressive shift runs once");
            }
            started = true;
        }
        Map<String, Integer> original = liveWeights();
        StepWeights.of(original, settings.targetGroupArn(), settings.percents().getFirst());
        Run run = new Run(progress, original);
        List<Integer> percents = settings.percents();
        int n = percents.size();
        for (int i = 1; i <= n; i++) {
            int percent = percents.get(i - 1);
            if (cancelled()) {
                return run.rollBack(i, percent, "cancelled before step " + i + " of " + n);
            }
            Map<String, Integer> weights = StepWeights.of(original, settings.targetGroupArn(), percent);
            run.report(i, percent, State.APPLYING, null, "applying " + percent + "% to " + name() + ": " + weights);
            ShiftResult stopped = run.apply(i, percent, weights);
            if (stopped != null) {
                return stopped;
            }
            Instant start = clock.instant();
            Instant until = start.plus(settings.bake());
            run.report(i, percent, State.BAKING, until, "baking until " + until);
            if (!bake()) {
                return run.rollBack(i, percent, "cancelled while step " + i + " of " + n + " (" + percent + "%) baked");
            }
            Verdict verdict = gate(start);
            if (verdict.kind() == Verdict.Kind.NOT_ENOUGH) {
                Instant again = clock.instant().plus(settings.bake());
                run.report(
                        i,
                        percent,
                        State.WAITING_FOR_TRAFFIC,
                        again,
                        verdict.words() + "; baking once more, until " + again);
                if (!bake()) {
                    return run.rollBack(
                            i, percent, "cancelled while step " + i + " of " + n + " (" + percent + "%) baked");
                }
                verdict = gate(start);
            }
            if (verdict.kind() != Verdict.Kind.PASS) {
                String why = "step " + i + " of " + n + " (" + percent + "%) failed its gate: " + verdict.words();
                run.report(i, percent, State.GATE_FAILED, null, verdict.words());
                return run.rollBack(i, percent, why);
            }
            run.report(i, percent, State.GATE_PASSED, null, verdict.words());
        }
        String done = name() + " has all the traffic after " + n + " step(s)";
        run.report(n, 100, State.DONE, null, done);
        return new ShiftResult(ShiftResult.Outcome.DONE, done, run.entries, run.weights);
    }

    /** Waits one bake; false when cancelled (before or during it). */
    private boolean bake() {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            baking = Thread.currentThread();
        }
        boolean interrupted = false;
        try {
            sleeper.sleep(settings.bake());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            synchronized (lock) {
                baking = null;
            }
        }
        synchronized (lock) {
            if (cancelled) {
                Thread.interrupted(); // the cancel's interrupt is handled here: the rollback must not see it
                return false;
            }
        }
        if (interrupted) {
            // Interrupted by someone other than cancel: treat it as a cancel, and keep the flag for the caller.
            cancel();
            Thread.interrupted();
            return false;
        }
        return true;
    }

    private Verdict gate(Instant stepStart) {
        Duration period = settings.period();
        Instant from = ceil(stepStart, period);
        Instant to = floor(clock.instant(), period);
        Gates gates = settings.gates();
        if (!from.isBefore(to)) {
            return new Verdict(Verdict.Kind.NOT_ENOUGH, "not enough traffic: no whole period of metrics yet");
        }
        List<Metric> asked = new ArrayList<>(List.of(Metric.REQUEST_COUNT, Metric.TARGET_5XX_COUNT));
        gates.p99().ifPresent(limit -> asked.add(Metric.TARGET_RESPONSE_TIME_P99));
        List<MetricSeries> series;
        try {
            series = metrics.series(new MetricQuery(
                    new MetricQuery.Scope.TargetGroupScope(settings.loadBalancerArn(), settings.targetGroupArn()),
                    asked,
                    from,
                    to,
                    period));
        } catch (CoreException failure) {
            return new Verdict(Verdict.Kind.FAIL, "the metrics could not be read: " + failure.getMessage());
        }
        double requests = series.get(0).sum();
        double errors = series.get(1).sum();
        String window = " over " + from + ".." + to;
        if (requests < Math.max(1, gates.minRequests())) {
            return new Verdict(
                    Verdict.Kind.NOT_ENOUGH,
                    "not enough traffic: " + whole(requests) + " request(s)" + window + " (expected: at least "
                            + Math.max(1, gates.minRequests()) + ")");
        }
        double ratio = Math.max(0, requests - errors) / requests;
        String success = "success ratio " + percent(ratio) + " (" + whole(errors) + " target 5xx of " + whole(requests)
                + " requests" + window + ")";
        if (ratio < gates.minSuccessRatio()) {
            return new Verdict(
                    Verdict.Kind.FAIL, success + " (expected: at least " + percent(gates.minSuccessRatio()) + ")");
        }
        if (gates.p99Limit() != null) {
            double p99 = series.get(2).points().stream()
                    .mapToDouble(MetricSeries.Point::value)
                    .max()
                    .orElse(0);
            double limit = gates.p99Limit().toNanos() / 1e9;
            String latency = "p99 " + seconds(p99);
            if (p99 > limit) {
                return new Verdict(Verdict.Kind.FAIL, latency + " (expected: at most " + seconds(limit) + ")");
            }
            success = success + ", " + latency;
        }
        return new Verdict(Verdict.Kind.PASS, success);
    }

    private record Verdict(Kind kind, String words) {
        enum Kind {
            PASS,
            FAIL,
            NOT_ENOUGH
        }
    }

    /** One run's state: the listener, the weights before, the entries made. */
    private final class Run {
        final Consumer<Progress> progress;
        final Map<String, Integer> original;
        final List<AuditEntry> entries = new ArrayList<>();
        Map<String, Integer> weights;

        Run(Consumer<Progress> progress, Map<String, Integer> original) {
            this.progress = progress;
            this.original = original;
            this.weights = original;
        }

        void report(int step, int percent, State state, Instant until, String words) {
            progress.accept(new Progress(step, settings.percents().size(), percent, state, until, words));
        }

        /** Applies one step; null when it verified, else how the shift ended. */
        ShiftResult apply(int step, int percent, Map<String, Integer> target) {
            int n = settings.percents().size();
            String which = "step " + step + " of " + n + " (" + percent + "%)";
            try {
                if (liveWeights().equals(target)) {
                    return null;
                }
                AuditEntry entry = applier.apply(
                        planner.shiftWeights(settings.ruleArn(), target),
                        actor,
                        reason + " (progressive shift " + which + ")");
                entries.add(entry);
                weights = target;
                if (entry.outcome() != Outcome.VERIFIED) {
                    return rollBack(step, percent, which + " ended " + entry.outcome() + ": " + entry.detail());
                }
                return null;
            } catch (CoreException.Conflict drift) {
                String why = which + " was refused and the shift stopped without rolling back (so as not to"
                        + " overwrite another change): " + drift.getMessage();
                report(step, percent, State.STOPPED, null, why);
                return new ShiftResult(ShiftResult.Outcome.STOPPED, why, entries, readQuietly());
            } catch (CoreException failure) {
                return rollBack(step, percent, which + " failed: " + failure.getMessage());
            }
        }

        ShiftResult rollBack(int step, int percent, String why) {
            report(step, percent, State.ROLLING_BACK, null, why + "; rolling back to " + original);
            try {
                if (liveWeights().equals(original)) {
                    String words = why + "; nothing to roll back, the weights are as before: " + original;
                    report(step, percent, State.ROLLED_BACK, null, words);
                    return new ShiftResult(ShiftResult.Outcome.ROLLED_BACK, words, entries, original);
                }
                AuditEntry entry = applier.apply(
                        planner.shiftWeights(settings.ruleArn(), original),
                        actor,
                        reason + " (progressive shift rolled back: " + why + ")");
                entries.add(entry);
                if (entry.outcome() == Outcome.VERIFIED) {
                    String words = why + "; rolled back to " + original;
                    report(step, percent, State.ROLLED_BACK, null, words);
                    return new ShiftResult(ShiftResult.Outcome.ROLLED_BACK, words, entries, original);
                }
                String words = why + "; the rollback ended " + entry.outcome() + ": " + entry.detail();
                report(step, percent, State.STOPPED, null, words);
                return new ShiftResult(ShiftResult.Outcome.STOPPED, words, entries, readQuietly());
            } catch (CoreException failure) {
                String words = why + "; the rollback failed: " + failure.getMessage();
                report(step, percent, State.STOPPED, null, words);
                return new ShiftResult(ShiftResult.Outcome.STOPPED, words, entries, readQuietly());
            }
        }

        private Map<String, Integer> readQuietly() {
            try {
                return liveWeights();
            } catch (CoreException failure) {
                return Map.of();
            }
        }
    }

    private Map<String, Integer> liveWeights() {
        Rule rule = loadBalancers.rules(settings.listenerArn()).stream()
                .filter(r -> r.arn().equals(settings.ruleArn()))
                .findFirst()
                .orElseThrow(() -> new CoreException.NotFound("rule", settings.ruleArn()));
        try {
            return RuleWeights.of(rule).weights();
        } catch (IllegalArgumentException notForward) {
            throw new CoreException.Invalid("progressive shift", List.of(notForward.getMessage()));
        }
    }

    private String name() {
        return TargetGroup.nameOf(settings.targetGroupArn());
    }

    private static Instant ceil(Instant t, Duration period) {
        Instant down = floor(t, period);
        return down.equals(t) ? t : down.plus(period);
    }

    private static Instant floor(Instant t, Duration period) {
        long p = period.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), p) * p);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String whole(double count) {
        return String.format(Locale.ROOT, "%.0f", count);
    }
}
