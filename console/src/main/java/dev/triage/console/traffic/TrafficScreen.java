package dev.triage.console.traffic;

import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import javafx.scene.Node;

/** The traffic screen: rules, target groups, one-click shift, history and undo. The feature's entry point. */
public final class TrafficScreen {

    private final TrafficViewModel viewModel;
    private final Node view;

    private TrafficScreen(TrafficViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = TrafficView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #refresh()} reads the load balancers. */
    public static TrafficScreen create(LoadBalancers loadBalancers, AuditJournal journal, Tasks tasks, String actor) {
        return new TrafficScreen(new TrafficViewModel(loadBalancers, journal, tasks, actor));
    }

    /**
     * As above, with the agents: undoing the load balancer entry of a "require the CDN header" remediation from the
     * history undoes its agents' gates too.
     */
    public static TrafficScreen create(
            LoadBalancers loadBalancers, AuditJournal journal, AgentFleet fleet, Tasks tasks, String actor) {
        return new TrafficScreen(new TrafficViewModel(loadBalancers, journal, fleet, tasks, actor));
    }

    public Node view() {
        return view;
    }

    public TrafficViewModel viewModel() {
        return viewModel;
    }

    public void refresh() {
        viewModel.refresh();
    }

    /** Asks to undo the newest change (the Ctrl+Z shortcut); the user confirms in the preview. */
    public void undoLast() {
        viewModel.previewUndoLast();
    }
}
