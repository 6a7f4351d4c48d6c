package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import java.time.ZoneId;
import java.util.Optional;
import javafx.scene.Node;

/** The overview screen: its ViewModel polling the live source chosen, and its view. The feature's entry point. */
public final class OverviewScreen {

    private final OverviewViewModel viewModel;
    private final Node view;

    private OverviewScreen(OverviewViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = OverviewView.create(viewModel);
    }

    /** Builds the screen on the FX thread; {@link #start()} begins polling. */
    /**
     * @param preferred the key of the source to show first when offered (the last one chosen); see {@link
     *     OverviewViewModel#chosenProperty()} to remember the next
     */
    public static OverviewScreen create(LiveSources sources, Tasks tasks, Optional<String> preferred) {
        requireNonNull(sources, "sources");
        return new OverviewScreen(new OverviewViewModel(sources, tasks, ZoneId.systemDefault(), preferred));
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
