package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.console.fx.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live alerts of the security screen: every agent's security events folded into one line per
 * (agent, kind, source, route), the most recently active first, at most {@link
 * AlertBook#DEFAULT_CAPACITY} lines, filtered by severity; each agent's stream state (stale when it
 * dropped, until it reopens); and a notice when a critical alert appears. Knows no Node.
 */
public final class SecurityViewModel {

    /** A notification pops up at most this often; the banner shows every critical alert. */
    static final Duration NOTIFY_AT_MOST_EVERY = Duration.ofSeconds(10);

    /** A critical alert worth telling: {@code text} for the banner, {@code popup} when a notification should show. */
    public record Notice(String text, Alert alert, boolean popup) {}

    private final AlertBook book;
    private final AgentStreams streams;
    private final Clock clock;
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final FilteredList<Alert> shown = new FilteredList<>(alerts);
    private final ObjectProperty<SecurityEvent.Severity> minimum =
            new SimpleObjectProperty<>(SecurityEvent.Severity.INFO);
    private final ObservableList<StreamState> streamStates = FXCollections.observableArrayList();
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();
    private Instant lastPopup;

    public SecurityViewModel(SecuritySource source, Tasks tasks) {
        this(source, tasks, AgentStreams.sleeping(tasks), Clock.systemUTC(), AlertBook.DEFAULT_CAPACITY);
    }

    SecurityViewModel(SecuritySource source, Tasks tasks, AgentStreams.Later later, Clock clock, int capacity) {
        this.clock = requireNonNull(clock, "clock");
        this.book = new AlertBook(capacity);
        this.streams = new AgentStreams(source, tasks, later, clock, this::received, this::streamState);
        minimum.subscribe(min -> shown.setPredicate(a -> a.severity().compareTo(min) >= 0));
    }

    /** Opens every agent's event stream. */
    public void start() {
        streams.start();
    }

    public void stop() {
        streams.stop();
    }

    private void received(List<AgentStreams.Received> batch) {
        Alert loudest = null;
        int newCritical = 0;
        for (AgentStreams.Received received : batch) {
            AlertBook.Added added = book.add(received.agent(), received.event());
            if (added.isNew() && added.alert().severity() == SecurityEvent.Severity.CRITICAL) {
                newCritical++;
                loudest = added.alert();
            }
        }
        alerts.setAll(book.newestFirst());
        if (loudest != null) {
            Instant now = clock.instant();
            boolean popup = lastPopup == null || !now.isBefore(lastPopup.plus(NOTIFY_AT_MOST_EVERY));
            if (popup) {
                lastPopup = now;
            }
            String more = newCritical > 1 ? " (and " + (newCritical - 1) + " more critical)" : "";
            notice.set(new Notice(loudest.message() + more, loudest, popup));
        }
    }

    private void streamState(StreamState state) {
        for (int i = 0; i < streamStates.size(); i++) {
            if (streamStates.get(i).agent().equals(state.agent())) {
                streamStates.set(i, state);
                return;
            }
        }
        streamStates.add(state);
    }

    /** Hides the banner. */
    public void dismissNotice() {
        notice.set(null);
    }

    /** Every line, the most recently active first, before the severity filter. */
    public ObservableList<Alert> alerts() {
        return alerts;
    }

    /** The lines at or above {@link #minimumSeverityProperty()}. */
    public ObservableList<Alert> shownAlerts() {
        return shown;
    }

    public ObjectProperty<SecurityEvent.Severity> minimumSeverityProperty() {
        return minimum;
    }

    /** Each agent's event stream, in the order the agents were listed. */
    public ObservableList<StreamState> streams() {
        return streamStates;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice;
    }
}
