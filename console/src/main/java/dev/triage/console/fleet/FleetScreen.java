package dev.triage.console.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.port.AgentFleet;
import java.time.Clock;
import javafx.scene.Node;

/**
 * The Fleet screen: the agents with health, versions, drift and traffic, polled; a route policy
 * editor validated as you type; a confirmed push to all or some agents. The feature's entry point.
 */
public final class FleetScreen {

    private final FleetViewModel viewModel;
    private final Node view;

    private FleetScreen(FleetViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = FleetView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #start()} begins polling. */
    public static FleetScreen create(AgentFleet fleet, Tasks tasks) {
        requireNonNull(fleet, "fleet");
        return new FleetScreen(new FleetViewModel(fleet, tasks, Clock.systemDefaultZone()));
    }

    public Node view() {
        return view;
    }

    public FleetViewModel viewModel() {
        return viewModel;
    }

    public void start() {
        viewModel.start();
    }

    public void refresh() {
        viewModel.refresh();
    }

    public void stop() {
        viewModel.stop();
    }
}
