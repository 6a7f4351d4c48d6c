package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Snapshots;
import dev.triage.console.fx.Tasks;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntConsumer;
import javafx.beans.value.ChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code triage --snapshot FILE}: once the overview shows live numbers and the traffic screen has
 * read the load balancers, renders the window, writes the PNG and reports 0; 1 if nothing live
 * showed within {@link #PATIENCE} or the file could not be written.
 */
final class SnapshotWhenLive {

    static final double WIDTH = 1440;
    static final double HEIGHT = 900;
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /**
     * Readings to wait for after the first numbers, so the charts have a line; the system property
     * {@code triage.snapshot.readings} asks for more (screenshots of a lab that ran a while).
     */
    static final int READINGS = Math.max(5, Integer.getInteger("triage.snapshot.readings", 5));

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWhenLive.class);

    private SnapshotWhenLive() {}

    /** The security screen, when it is the one shown, waits for an alert and the posture checks. */
    private static boolean securityShown(MainWindow window) {
        if (window.selectedScreen() != MainWindow.Screen.SECURITY) {
            return true;
        }
        return !window.security().alerts().alerts().isEmpty()
                && window.security().posture().loadedProperty().get();
    }

    static void arm(MainWindow window, Tasks tasks, Path file, IntConsumer done) {
        requireNonNull(file, "file");
        boolean[] finished = {false};
        Tasks.Handle timeout = tasks.run(
                "snapshot timeout",
                () -> {
                    Thread.sleep(PATIENCE.toMillis());
                    return null;
                },
                ignored -> {
                    if (!finished[0]) {
                        finished[0] = true;
                        System.err.println(
                                "triage: no live data within " + PATIENCE.toSeconds() + " s; no snapshot written");
                        done.accept(1);
                    }
                },
                failure -> {});
        int[] readings = {0};
        ChangeListener<Object> onChange = (obs, was, now) -> {
            if (finished[0] || window.overview() == null) {
                return;
            }
            readings[0]++;
            boolean loaded = window.traffic().viewModel().loadedProperty().get()
                    && window.fleet().viewModel().loadedProperty().get()
                    && window.tls().viewModel().loadedProperty().get()
                    && securityShown(window);
            if (readings[0] < READINGS || !loaded) {
                return;
            }
            finished[0] = true;
            timeout.cancel();
            BufferedImage image = Snapshots.take(window.scene());
            tasks.run(
                    "write snapshot",
                    () -> {
                        Snapshots.write(image, file);
                        return file;
                    },
                    written -> {
                        System.out.println("triage: wrote " + written.toAbsolutePath() + " (" + image.getWidth() + "x"
                                + image.getHeight() + ")");
                        done.accept(0);
                    },
                    failure -> {
                        LOG.error("could not write the snapshot {}", file, failure);
                        System.err.println("triage: could not write " + file + ": " + failure.getMessage());
                        done.accept(1);
                    });
        };
        window.readyProperty().subscribe(ready -> {
            if (ready) {
                window.overview().viewModel().chartsProperty().addListener(onChange);
            }
        });
    }
}
