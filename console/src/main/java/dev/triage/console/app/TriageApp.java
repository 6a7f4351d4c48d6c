package dev.triage.console.app;

import atlantafx.base.theme.PrimerDark;
import dev.triage.console.fx.Tasks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one main window over the connection the options ask for. With {@code
 * --snapshot FILE} it writes a picture of the window once live data shows, and exits.
 */
public final class TriageApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(TriageApp.class);
    private static final AtomicReference<ConsoleOptions> OPTIONS = new AtomicReference<>();
    private static final AtomicInteger EXIT = new AtomicInteger();
    private static final AtomicReference<Runnable> CLOSER = new AtomicReference<>();

    private Tasks tasks;
    private MainWindow window;

    /** Runs the console until its window closes; returns the process exit code. */
    public static int run(ConsoleOptions options) {
        OPTIONS.set(options);
        Application.launch(TriageApp.class);
        Runnable closer = CLOSER.getAndSet(null);
        if (closer != null) {
            Thread thread = Thread.ofPlatform().name("triage-close").start(closer);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return EXIT.get();
    }

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = OPTIONS.get();
        if (options == null) {
            options = ConsoleOptions.defaults(ConsoleOptions.defaultHome());
        }
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> LOG.error("unexpected error on the UI thread", e));
        tasks = Tasks.forJavaFx();
        if (options.snapshot() != null) {
            stage.setWidth(SnapshotWhenLive.WIDTH);
            stage.setHeight(SnapshotWhenLive.HEIGHT);
        }
        window = MainWindow.show(stage, options, tasks, MainWindow.connectionFor(options));
        if (options.snapshot() != null) {
            SnapshotWhenLive.arm(window, tasks, options.snapshot(), code -> {
                EXIT.set(code);
                Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            CLOSER.set(window.close());
        }
        if (tasks != null) {
            tasks.close();
        }
    }
}
