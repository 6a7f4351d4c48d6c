package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.PostureChecks;
import dev.triage.core.security.PostureResult;
import dev.triage.core.security.Remediation;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The posture panel: core's posture checks over the load balancers and agents, run in the
 * background; the failures, most severe first, each with its reason and fix. A fix the change
 * planner makes is offered as a plan; the others are advice.
 */
public final class PostureViewModel {

    /** The fixes the change planner turns into a plan here. */
    static final Set<Remediation.Kind> PLANNED = Set.of(
            Remediation.Kind.BLOCK_SOURCES,
            Remediation.Kind.REQUIRE_HEADER,
            Remediation.Kind.REDIRECT_HTTP_TO_HTTPS,
            Remediation.Kind.SET_SSL_POLICY);

    /** One failed check, in words; {@code fix} is null when there is none. */
    public record Finding(String check, String severity, String resource, String reason, Remediation fix) {

        /** What to do: the fix's summary, or that nothing is known. */
        public String advice() {
            return fix == null ? "no automatic fix; see the reason" : fix.summary();
        }

        /** Whether the fix can be planned, previewed and applied from here. */
        public boolean plannable() {
            return fix != null && PLANNED.contains(fix.kind());
        }
    }

    private final LoadBalancers loadBalancers;
    private final SecuritySource source;
    private final Tasks tasks;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("Checking the posture ...");
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();

    public PostureViewModel(LoadBalancers loadBalancers, SecuritySource source, Tasks tasks) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.source = requireNonNull(source, "source");
        this.tasks = requireNonNull(tasks, "tasks");
    }

    /** Runs every check again, in the background. */
    public void refresh() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        tasks.run(
                "posture checks",
                () -> PostureChecks.over(loadBalancers)
                        .gates(source.gates())
                        .agents(source.agents())
                        .build()
                        .run(),
                this::show,
                failure -> {
                    checking.set(false);
                    summary.set("Could not run the posture checks: " + AgentStreams.reason(failure));
                });
    }

    private void show(List<PostureResult> results) {
        checking.set(false);
        List<Finding> failed = PostureChecks.failures(results).stream()
                .map(r -> new Finding(r.check().title(), r.severity().name(), r.resource(), r.reason(), r.fix()))
                .toList();
        findings.setAll(failed);
        long passed = count(results, PostureResult.Outcome.PASS);
        long unknown = count(results, PostureResult.Outcome.UNKNOWN);
        long notApplicable = count(results, PostureResult.Outcome.NOT_APPLICABLE);
        summary.set(failed.size() + " failed, " + passed + " passed, " + notApplicable + " not applicable here, "
                + unknown + " could not be checked");
        loaded.set(true);
    }

    private static long count(List<PostureResult> results, PostureResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The failures, most severe first. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** True once the first run finished. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking;
    }
}
