package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;

/**
 * The confirm step the change screens share: refuse when the write guard says so, otherwise mark
 * the screen busy, say "Applying: …", run the apply through {@link Tasks}, and when it ends clear
 * busy and the pending change before the screen says how it went. Knows no Node.
 */
public final class ApplyStep {

    private final Tasks tasks;
    private final WriteGuard guard;
    private final BooleanProperty busy;
    private final ObjectProperty<?> pending;
    private final Consumer<String> info;
    private final Consumer<String> error;

    /**
     * @param info shows a neutral message on the screen
     * @param error shows an error message on the screen
     */
    public ApplyStep(
            Tasks tasks,
            WriteGuard guard,
            BooleanProperty busy,
            ObjectProperty<?> pending,
            Consumer<String> info,
            Consumer<String> error) {
        this.tasks = requireNonNull(tasks, "tasks");
        this.guard = requireNonNull(guard, "guard");
        this.busy = requireNonNull(busy, "busy");
        this.pending = requireNonNull(pending, "pending");
        this.info = requireNonNull(info, "info");
        this.error = requireNonNull(error, "error");
    }

    /**
     * Applies {@code title}'s change with {@code apply} unless a change is already applying or the
     * guard refuses; {@code applied} or {@code failed} runs after busy and pending are cleared. {@code T}: what the
     * apply returns, an {@link AuditEntry} for one change plan.
     */
    public <T> void run(
            String name, String title, Callable<T> apply, Consumer<? super T> applied, Consumer<Throwable> failed) {
        if (busy.get()) {
            return;
        }
        Optional<String> refused = guard.refusal();
        if (refused.isPresent()) {
            error.accept("Not applied: " + refused.get());
            return;
        }
        busy.set(true);
        info.accept("Applying: " + title + " ...");
        tasks.run(
                name,
                apply,
                entry -> {
                    done();
                    applied.accept(entry);
                },
                failure -> {
                    done();
                    failed.accept(failure);
                });
    }

    private void done() {
        busy.set(false);
        pending.set(null);
    }
}
