package dev.triage.console.tls;

import dev.triage.console.fx.Tasks;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.time.Clock;
import java.util.Optional;
import javafx.scene.Node;

/** The TLS screen: listeners with protocol and SSL policy, certificates with expiry. The feature's entry point. */
public final class TlsScreen {

    private final TlsViewModel viewModel;
    private final Node view;

    private TlsScreen(TlsViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = TlsView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #refresh()} reads. */
    public static TlsScreen create(LoadBalancers loadBalancers, Optional<Certificates> certificates, Tasks tasks) {
        return new TlsScreen(new TlsViewModel(loadBalancers, certificates, tasks, Clock.systemUTC()));
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
