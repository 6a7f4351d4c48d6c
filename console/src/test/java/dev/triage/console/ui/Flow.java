package dev.triage.console.ui;

import org.testfx.util.WaitForAsyncUtils;

/** One user flow counted in interactions: each {@link #act} is one click or one typed entry. */
final class Flow {

    private int interactions;

    /** Does {@code interaction}, counts it and waits for the JavaFX events it caused. */
    void act(Runnable interaction) {
        interactions++;
        interaction.run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    int interactions() {
        return interactions;
    }
}
