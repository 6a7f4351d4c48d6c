package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import java.time.ZoneId;
import javafx.scene.Node;

/** The overview screen: its ViewModel polling a live source, and its view. The feature's entry point. */
public final class OverviewScreen {

    private final OverviewViewModel viewModel;
    private final Node view;

    private OverviewScreen(OverviewViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = OverviewView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #start()} begins polling. */
    public static OverviewScreen create(LiveSource source, Tasks tasks) {
        requireNonNull(source, "source");
        return new OverviewScreen(new OverviewViewModel(source, tasks, ZoneId.systemDefault()));
    }

    public Node view() {
        return view;
    }

    public OverviewViewModel viewModel() {
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
