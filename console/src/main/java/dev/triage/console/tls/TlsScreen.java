package dev.triage.console.tls;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.time.Clock;
import java.util.Optional;
import javafx.scene.Node;

/**
 * The TLS screen: listeners with protocol and SSL policy, certificates with expiry; redirect HTTP to
 * HTTPS, change a policy, add an HTTPS listener through core's change path. The feature's entry point.
 */
public final class TlsScreen {

    private final TlsViewModel viewModel;
    private final Node view;

    private TlsScreen(TlsViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = TlsView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #refresh()} reads. */
    public static TlsScreen create(
            LoadBalancers loadBalancers,
            Optional<Certificates> certificates,
            AuditJournal journal,
            Tasks tasks,
            String actor) {
        return new TlsScreen(new TlsViewModel(
                loadBalancers,
                certificates,
                new ChangeApplier(loadBalancers, journal),
                tasks,
                Clock.systemUTC(),
                actor));
    }

    public Node view() {
        return view;
    }

    public TlsViewModel viewModel() {
        return viewModel;
    }

    public void refresh() {
        viewModel.refresh();
    }
}
