package dev.triage.console.tls;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The TLS screen's state: listeners with protocol and SSL policy, and certificates with days to
 * expiry when the connection has a certificate store. Read-only for now. Knows no Node; reads go
 * through {@link Tasks}.
 */
public final class TlsViewModel {

    /** What the screen says where certificates would be when the connection has no store. */
    static final String NO_STORE = "This connection has no certificate store: the lab's agents keep no "
            + "certificates in ACM, so there are none to list. Certificates and their expiry show here "
            + "when the console is connected to AWS.";

    private final LoadBalancers loadBalancers;
    private final Optional<Certificates> certificates;
    private final Tasks tasks;
    private final Clock clock;

    private final ObservableList<TlsState.ListenerRow> listeners = FXCollections.observableArrayList();
    private final ObservableList<TlsState.CertificateRow> certificateRows = FXCollections.observableArrayList();
    private final StringProperty certificateNote = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty loaded = new SimpleBooleanProperty();

    public TlsViewModel(LoadBalancers loadBalancers, Optional<Certificates> certificates, Tasks tasks, Clock clock) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.certificates = requireNonNull(certificates, "certificates");
        this.tasks = requireNonNull(tasks, "tasks");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Reads listeners and certificates again. */
    public void refresh() {
        tasks.run(
                "tls read",
                () -> TlsState.read(loadBalancers, certificates, clock.instant()),
                this::show,
                failure -> error.set("Could not read listeners or certificates: " + reason(failure)));
    }

    private void show(TlsState state) {
        listeners.setAll(state.listeners());
        certificateRows.setAll(state.certificates());
        if (!state.hasCertificateStore()) {
            certificateNote.set(NO_STORE);
        } else if (state.certificates().isEmpty()) {
            certificateNote.set("The certificate store holds no certificates.");
        } else {
            long soon = state.certificates().stream()
                    .filter(c -> c.expiry() == TlsState.Expiry.SOON || c.expiry() == TlsState.Expiry.URGENT)
                    .count();
            certificateNote.set(
                    soon == 0
                            ? "No certificate expires within " + TlsState.SOON_DAYS + " days."
                            : soon + " certificate(s) expire within " + TlsState.SOON_DAYS + " days.");
        }
        error.set("");
        loaded.set(true);
    }

    private static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    public ObservableList<TlsState.ListenerRow> listeners() {
        return listeners;
    }

    public ObservableList<TlsState.CertificateRow> certificates() {
        return certificateRows;
    }

    /** Whether certificates can be listed at all, or why not. */
    public ReadOnlyStringProperty certificateNoteProperty() {
        return certificateNote;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }
}
