package dev.triage.console.tls;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ApplyStep;
import dev.triage.console.fx.Messages;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Protocol;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.PemImport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The TLS screen's state and commands: listeners with protocol and SSL policy, certificates with
 * days to expiry when the connection has a certificate store; redirecting HTTP to HTTPS, changing
 * an HTTPS listener's SSL policy and adding an HTTPS listener, each planned by core's change path,
 * previewed, confirmed, applied, verified and journalled. Knows no Node; every blocking call goes
 * through {@link Tasks}.
 */
public final class TlsViewModel {

    /** What the screen says where certificates would be when the connection has no store. */
    static final String NO_STORE = "This connection has no certificate store: the lab's agents keep no "
            + "certificates in ACM, so there are none to list. Certificates and their expiry show here "
            + "when the console is connected to AWS.";

    /** The port a new HTTPS listener gets unless the user says otherwise. */
    public static final int HTTPS_PORT = 443;

    /** How a message reads. */
    public enum Tone {
        INFO,
        SUCCESS,
        ERROR
    }

    /** A line for the user where they acted. */
    public record Message(Tone tone, String text) {
        static final Message NONE = new Message(Tone.INFO, "");
    }

    /**
     * A change waiting for confirmation: a load balancer change plan, or a certificate import.
     *
     * @param plan the plan to apply, or null for an import
     * @param certificate the PEM to import, or null for a plan
     */
    public record Pending(String title, String preview, ChangePlan plan, PemImport certificate) {
        public Pending(String title, String preview, ChangePlan plan) {
            this(title, preview, plan, null);
        }

        @Override
        public String toString() {
            return "Pending[" + title + "]";
        }
    }

    /** The largest PEM file the import reads: certificates, keys and chains are a few KiB. */
    static final long MAX_PEM_BYTES = PemImport.MAX_FILE_BYTES;

    private final dev.triage.console.connection.WriteGuard guard = new dev.triage.console.connection.WriteGuard();
    private final LoadBalancers loadBalancers;
    private final Optional<Certificates> certificates;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final Tasks tasks;
    private final Clock clock;
    private final String actor;

    private final ObservableList<TlsState.ListenerRow> listeners = FXCollections.observableArrayList();
    private final ObservableList<TlsState.CertificateRow> certificateRows = FXCollections.observableArrayList();
    private final ObservableList<String> sslPolicies = FXCollections.observableArrayList();
    private final ObjectProperty<TlsState.ListenerRow> selected = new SimpleObjectProperty<>();
    private final StringProperty certificateNote = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ApplyStep applying;
    private long planSequence;

    public TlsViewModel(
            LoadBalancers loadBalancers,
            Optional<Certificates> certificates,
            ChangeApplier applier,
            Tasks tasks,
            Clock clock,
            String actor) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.certificates = requireNonNull(certificates, "certificates");
        this.planner = new ChangePlanner(loadBalancers);
        this.applier = requireNonNull(applier, "applier");
        this.tasks = requireNonNull(tasks, "tasks");
        this.clock = requireNonNull(clock, "clock");
        this.actor = requireNonNull(actor, "actor");
        this.applying =
                new ApplyStep(tasks, guard, busy, pending, text -> say(Tone.INFO, text), text -> say(Tone.ERROR, text));
    }

    /** Reads listeners, policies and certificates again; the selection is kept by listener ARN. */
    /** The connection's write policy as this screen applies it (read-only, protected). */
    public dev.triage.console.connection.WriteGuard guard() {
        return guard;
    }

    public void refresh() {
        tasks.run(
                "tls read",
                () -> TlsState.read(loadBalancers, certificates, clock.instant()),
                this::show,
                failure -> error.set("Could not read listeners or certificates: " + Messages.reason(failure)));
    }

    private void show(TlsState state) {
        String keep = selected.get() == null ? null : selected.get().arn();
        listeners.setAll(state.listeners());
        certificateRows.setAll(state.certificates());
        sslPolicies.setAll(state.sslPolicies());
        selected.set(state.listeners().stream()
                .filter(l -> l.arn().equals(keep))
                .findFirst()
                .orElse(state.listeners().isEmpty() ? null : state.listeners().getFirst()));
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

    /** Plans making the selected HTTP listener redirect to HTTPS (443), for confirmation. */
    public void previewRedirect() {
        TlsState.ListenerRow row = selected.get();
        if (row == null || row.https()) {
            say(Tone.ERROR, "Choose an HTTP listener to redirect to HTTPS.");
            return;
        }
        plan(() -> planner.redirectHttpToHttps(row.arn()));
    }

    /** Plans setting the selected HTTPS listener's SSL policy, for confirmation. */
    public void previewSslPolicy(String policy) {
        TlsState.ListenerRow row = selected.get();
        if (row == null || !row.https()) {
            say(Tone.ERROR, "Choose an HTTPS listener to change its SSL policy.");
            return;
        }
        if (policy == null || policy.isBlank()) {
            say(Tone.ERROR, "Choose an SSL policy first.");
            return;
        }
        plan(() -> planner.setSslPolicy(row.arn(), policy));
    }

    /**
     * Plans an HTTPS listener on the selected listener's load balancer that serves what the selected
     * listener serves (its default action), with the certificate and SSL policy given.
     */
    public void previewAddHttps(int port, String certificateArn, String policy) {
        TlsState.ListenerRow row = selected.get();
        if (row == null) {
            say(Tone.ERROR, "Choose a listener: the new one goes on its load balancer and serves what it serves.");
            return;
        }
        if (certificateArn == null) {
            say(
                    Tone.ERROR,
                    certificates.isEmpty()
                            ? "An HTTPS listener needs a certificate, and this connection has no certificate store."
                            : "Choose a certificate for the new listener.");
            return;
        }
        if (port < 1 || port > 65_535) {
            say(Tone.ERROR, "port: " + port + " (expected: 1..65535)");
            return;
        }
        plan(() -> planner.createHttpsListener(
                row.source().loadBalancerArn(),
                port,
                List.of(certificateArn),
                policy,
                row.source().defaultActions()));
    }

    private void plan(Callable<ChangePlan> planning) {
        long sequence = ++planSequence;
        pending.set(null);
        say(Tone.INFO, "");
        tasks.run(
                "plan tls change",
                planning,
                plan -> {
                    if (sequence == planSequence) {
                        pending.set(new Pending(plan.title(), PlanPreview.text(plan), plan));
                    }
                },
                failure -> {
                    if (sequence == planSequence) {
                        say(Tone.ERROR, "Not possible: " + Messages.reason(failure));
                    }
                });
    }

    /**
     * Reads a certificate, its private key and optionally its chain from PEM files, checks them here
     * (one certificate, a chain that parses, an unencrypted key that is the certificate's) and shows
     * what would be imported, for confirmation. Problems are said in words; the key is never shown.
     */
    public void previewImport(Path certificateFile, Path keyFile, Path chainFile) {
        pending.set(null);
        if (certificates.isEmpty()) {
            say(Tone.ERROR, "Not possible: this connection has no certificate store to import into (ACM on AWS).");
            return;
        }
        if (certificateFile == null || keyFile == null) {
            say(
                    Tone.ERROR,
                    "Choose the certificate's PEM file and its private key's PEM file (the chain is optional).");
            return;
        }
        long sequence = ++planSequence;
        say(Tone.INFO, "");
        tasks.run(
                "read certificate files",
                () -> {
                    PemImport pem = new PemImport(
                            PemImport.readFile(certificateFile, "certificate"),
                            PemImport.readFile(keyFile, "private key"),
                            chainFile == null ? null : PemImport.readFile(chainFile, "chain"));
                    return new Checked(pem, pem.inspect());
                },
                checked -> {
                    if (sequence != planSequence) {
                        return;
                    }
                    if (!checked.inspection().importable()) {
                        say(
                                Tone.ERROR,
                                "Not importable: "
                                        + String.join("; ", checked.inspection().problems()));
                        return;
                    }
                    String title = "import certificate " + checked.inspection().name();
                    pending.set(new Pending(
                            title,
                            CertificateImports.preview(checked.inspection(), clock.instant()),
                            null,
                            checked.pem()));
                },
                failure -> {
                    if (sequence == planSequence) {
                        say(Tone.ERROR, "Not importable: " + Messages.reason(failure));
                    }
                });
    }

    private record Checked(PemImport pem, PemImport.Inspection inspection) {}

    private void importCertificate(Pending change) {
        Certificates store = certificates.orElseThrow();
        PemImport.Inspection expected = change.certificate().inspect();
        applying.run(
                "import certificate",
                change.title(),
                () -> applier.importCertificate(store, change.certificate(), actor, "console: " + change.title()),
                imported -> {
                    say(
                            expected.describedBy(imported) ? Tone.SUCCESS : Tone.ERROR,
                            CertificateImports.outcome(imported, expected));
                    refresh();
                },
                failure -> say(Tone.ERROR, "Not imported: " + Messages.reason(failure)));
    }

    /** Applies the pending change through core's change path and shows how it ended. */
    public void confirm() {
        Pending change = pending.get();
        if (change == null) {
            return;
        }
        if (change.certificate() != null) {
            importCertificate(change);
            return;
        }
        applying.run(
                "apply tls change",
                change.title(),
                () -> applier.apply(change.plan(), actor, "console: " + change.title()),
                entry -> {
                    say(entry.outcome() == AuditEntry.Outcome.VERIFIED ? Tone.SUCCESS : Tone.ERROR, outcome(entry));
                    refresh();
                },
                failure -> {
                    say(Tone.ERROR, "Not applied: " + Messages.reason(failure));
                    refresh();
                });
    }

    public void cancel() {
        planSequence++;
        pending.set(null);
        guard.clear();
        say(Tone.INFO, "");
    }

    static String outcome(AuditEntry entry) {
        String what = entry.plan().title();
        return switch (entry.outcome()) {
            case VERIFIED -> "Verified: " + what + ".";
            case UNVERIFIED -> "Applied but not verified yet: " + what + ". " + entry.detail();
            case REFUSED_DRIFT -> "Refused, nothing changed: " + entry.detail();
            case FAILED_RESTORED -> "Failed and restored, nothing changed: " + entry.detail();
            case FAILED_PARTIAL -> "Failed part-way; check the listener: " + entry.detail();
        };
    }

    private void say(Tone tone, String text) {
        message.set(new Message(tone, text));
    }

    public ObservableList<TlsState.ListenerRow> listeners() {
        return listeners;
    }

    public ObservableList<TlsState.CertificateRow> certificates() {
        return certificateRows;
    }

    /** Whether certificates can be imported here (the connection has a certificate store). */
    public boolean canImport() {
        return certificates.isPresent();
    }

    /** The SSL policies the provider offers (none in the lab). */
    public ObservableList<String> sslPolicies() {
        return sslPolicies;
    }

    /** The listener the actions act on. */
    public ObjectProperty<TlsState.ListenerRow> selectedProperty() {
        return selected;
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

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending;
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether the selected listener is HTTP (redirect applies) rather than HTTPS (policy applies). */
    static boolean isHttp(TlsState.ListenerRow row) {
        return row != null && row.source().protocol() == Protocol.HTTP;
    }
}
