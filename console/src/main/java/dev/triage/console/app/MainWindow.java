package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.AwsChoice;
import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fleet.FleetScreen;
import dev.triage.console.fx.Tasks;
import dev.triage.console.overview.OverviewScreen;
import dev.triage.console.security.SecurityScreen;
import dev.triage.console.tls.TlsScreen;
import dev.triage.console.traffic.TrafficScreen;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's window: the banner, the navigation between screens, and the screens of the
 * current connection. Opening a connection (starting the embedded lab, reading a describe file)
 * runs in the background while the window already shows; the screens appear when it is open.
 */
public final class MainWindow {

    /** The screens, in navigation order. */
    public enum Screen {
        OVERVIEW,
        TRAFFIC,
        FLEET,
        TLS,
        SECURITY
    }

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Stage stage;
    private final ConsoleOptions options;
    private final Tasks tasks;
    private final Settings settings;
    private final Banner banner;
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final ToggleButton overviewButton;
    private final ToggleButton trafficButton;
    private final ToggleButton fleetButton;
    private final ToggleButton tlsButton;
    private final ToggleButton securityButton;
    private final BooleanProperty ready = new SimpleBooleanProperty();
    /** Shown for a screen chosen while it is still being built. */
    private final Node waiting = progress("Opening the screen ...");

    private final Scene scene;
    private Connection connection;
    private OverviewScreen overview;
    private TrafficScreen traffic;
    private FleetScreen fleet;
    private TlsScreen tls;
    private SecurityScreen security;
    private Tasks.Handle opening;
    private volatile boolean closing;

    private MainWindow(Stage stage, ConsoleOptions options, Tasks tasks) {
        this.stage = requireNonNull(stage, "stage");
        this.options = requireNonNull(options, "options");
        this.tasks = requireNonNull(tasks, "tasks");
        this.settings = Settings.load(options.home());
        this.banner = new Banner(connectionMenu());
        this.overviewButton =
                navButton("nav-overview", "Overview", new FontIcon(Material2AL.DASHBOARD), Screen.OVERVIEW);
        this.trafficButton = navButton("nav-traffic", "Traffic", new FontIcon(Material2MZ.SWAP_HORIZ), Screen.TRAFFIC);
        this.fleetButton = navButton("nav-fleet", "Fleet", new FontIcon(Material2MZ.STORAGE), Screen.FLEET);
        this.tlsButton = navButton("nav-tls", "TLS", new FontIcon(Material2AL.LOCK), Screen.TLS);
        this.securityButton =
                navButton("nav-security", "Security", new FontIcon(Material2MZ.SECURITY), Screen.SECURITY);
        VBox nav = new VBox(6, overviewButton, trafficButton, fleetButton, tlsButton, securityButton);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        BorderPane root = new BorderPane(content);
        root.setTop(banner.node());
        root.setLeft(nav);
        root.setId("mainWindow");
        scene = new Scene(root, settings.width(), settings.height());
        scene.getStylesheets().add(MainWindow.class.getResource("console.css").toExternalForm());
        shortcuts();
        stage.setTitle("Triage");
        stage.setScene(scene);
        stage.setMaximized(settings.maximized());
        navigation.selectToggle(button(options.screen()));
    }

    /**
     * Shows the window and starts opening the connection {@code connect} makes (blocking, run in
     * the background). Call on the FX thread.
     */
    public static MainWindow show(Stage stage, ConsoleOptions options, Tasks tasks, Callable<Connection> connect) {
        MainWindow window = new MainWindow(stage, options, tasks);
        stage.show();
        window.connect(connect, "Starting ...");
        return window;
    }

    /**
     * The connection the options ask for: the AWS profile of --profile (in the mode --mode or the
     * settings give it), the running lab of --lab, else a new embedded lab.
     */
    public static Callable<Connection> connectionFor(ConsoleOptions options) {
        if (options.aws() != null) {
            ConsoleOptions.Aws aws = options.aws();
            Path journal = options.attachedJournal();
            return () -> {
                WritePolicy.Mode mode = aws.mode() != null
                        ? aws.mode()
                        : Settings.load(options.home()).mode(aws.profile());
                return Connections.aws(new AwsChoice(aws.profile(), aws.region(), mode, aws.agents()), journal);
            };
        }
        if (options.lab() != null) {
            Path lab = options.lab();
            Path journal = options.attachedJournal();
            return () -> Connections.attach(lab, journal);
        }
        return () -> Connections.embedded(Connections.EmbeddedOptions.defaults(options.embeddedJournal()));
    }

    private void connect(Callable<Connection> connect, String what) {
        if (opening != null) {
            opening.cancel();
        }
        ready.set(false);
        Connection old = connection;
        connection = null;
        if (overview != null) {
            overview.stop();
        }
        if (fleet != null) {
            fleet.stop();
        }
        if (security != null) {
            security.stop();
        }
        overview = null;
        traffic = null;
        fleet = null;
        tls = null;
        security = null;
        banner.connecting(what);
        content.getChildren().setAll(progress(what));
        opening = tasks.run(
                "open connection",
                () -> {
                    if (old != null) {
                        old.close();
                    }
                    Connection made = connect.call();
                    if (closing) {
                        made.close(); // the window closed while it opened: nobody will show it
                    }
                    return made;
                },
                this::opened,
                failure -> {
                    banner.failed("Could not connect: " + message(failure));
                    content.getChildren().setAll(failurePane(message(failure), connect, what));
                });
    }

    private void opened(Connection opened) {
        connection = opened;
        WritePolicy policy = opened.writePolicy();
        banner.show(opened.place(), policy);
        settings.lastConnection(opened.place().remembered());
        Optional<String> profile = awsProfile(opened.place());
        overview = OverviewScreen.create(opened.live(), tasks, profile.flatMap(settings::overviewSource));
        profile.ifPresent(p -> overview.viewModel().chosenProperty().subscribe(choice -> {
            if (choice != null) {
                settings.overviewSource(p, choice.key()); // written with the window's size on close
            }
        }));
        boolean[] told = {false};
        overview.viewModel().liveProperty().subscribe(live -> {
            if (live && !told[0]) {
                told[0] = true; // what the user waits for numbers: the startup benchmark's figure, with a window
                LOG.info(
                        "first live data shown {} ms after the JVM started",
                        ManagementFactory.getRuntimeMXBean().getUptime());
            }
        });
        overview.start();
        select(selectedScreen());
        // The other screens are built one per pulse, so the overview paints at once and the window keeps
        // answering while they are made (a screen takes 20-130 ms of the FX thread to build).
        buildInTurn(
                opened,
                List.of(
                        () -> {
                            traffic = TrafficScreen.create(
                                    opened.loadBalancers(), opened.journal(), opened.fleet(), tasks, actor());
                            traffic.viewModel().guard().policy(policy);
                            opened.metrics()
                                    .ifPresent(m ->
                                            traffic.viewModel().progressive().metrics(m, opened.metricsPeriod()));
                            traffic.refresh();
                        },
                        () -> {
                            fleet = FleetScreen.create(opened.fleet(), tasks);
                            fleet.viewModel().guard().policy(policy);
                            fleet.start();
                        },
                        () -> {
                            tls = TlsScreen.create(
                                    opened.loadBalancers(), opened.certificates(), opened.journal(), tasks, actor());
                            tls.viewModel().guard().policy(policy);
                            tls.refresh();
                        },
                        () -> {
                            security = SecurityScreen.create(
                                    opened.loadBalancers(),
                                    opened.journal(),
                                    opened.security(),
                                    opened.fleet(),
                                    opened.accessLogs().orElse(null),
                                    tasks,
                                    actor());
                            security.remediation().guard().policy(policy);
                            String place = Settings.placeKey(opened.place());
                            security.accessLogs().cdnRangesTextProperty().set(settings.cdnRanges(place));
                            security.accessLogs()
                                    .cdnRangesProperty()
                                    .subscribe(ranges -> settings.cdnRanges(place, ranges));
                            security.start();
                        }),
                0);
    }

    /** Runs {@code steps} from {@code next} on, one per FX pulse, while {@code opened} is still the connection. */
    private void buildInTurn(Connection opened, List<Runnable> steps, int next) {
        Platform.runLater(() -> {
            if (connection != opened || closing) {
                return; // another connection, or the window closed: these screens are not wanted any more
            }
            if (next == steps.size()) {
                ready.set(true);
                return;
            }
            steps.get(next).run();
            if (content.getChildren().size() == 1 && content.getChildren().getFirst() == waiting) {
                select(selectedScreen()); // the user chose this screen while it was being built
            }
            buildInTurn(opened, steps, next + 1);
        });
    }

    /** The AWS profile of a place ("aws:PROFILE[@REGION]"), none for the lab. */
    static Optional<String> awsProfile(Connection.Place place) {
        if (place.kind() != Connection.Place.Kind.AWS || !place.remembered().startsWith(Connections.AWS)) {
            return Optional.empty();
        }
        return Optional.of(
                place.remembered().substring(Connections.AWS.length()).split("@", 2)[0]);
    }

    /** Shows a screen (the navigation does the same). */
    public void select(Screen screen) {
        requireNonNull(screen, "screen");
        ToggleButton button = button(screen);
        if (navigation.getSelectedToggle() != button) {
            navigation.selectToggle(button);
        }
        if (overview == null) {
            return;
        }
        Node view = switch (screen) {
            case OVERVIEW -> overview.view();
            case TRAFFIC -> traffic == null ? null : traffic.view();
            case FLEET -> fleet == null ? null : fleet.view();
            case TLS -> tls == null ? null : tls.view();
            case SECURITY -> security == null ? null : security.view();
        };
        content.getChildren().setAll(view == null ? waiting : view);
    }

    private ToggleButton button(Screen screen) {
        return switch (screen) {
            case OVERVIEW -> overviewButton;
            case TRAFFIC -> trafficButton;
            case FLEET -> fleetButton;
            case TLS -> tlsButton;
            case SECURITY -> securityButton;
        };
    }

    Screen selectedScreen() {
        for (Screen screen : Screen.values()) {
            if (navigation.getSelectedToggle() == button(screen)) {
                return screen;
            }
        }
        return Screen.OVERVIEW;
    }

    private ToggleButton navButton(String id, String text, FontIcon icon, Screen screen) {
        ToggleButton button = new ToggleButton(text, icon);
        button.setId(id);
        button.setToggleGroup(navigation);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.getStyleClass().add("nav-button");
        button.setOnAction(e -> {
            if (!button.isSelected()) {
                button.setSelected(true);
            }
            select(screen);
        });
        return button;
    }

    private MenuButton connectionMenu() {
        MenuButton menu = new MenuButton("Connection");
        menu.setId("connectionMenu");
        MenuItem embedded = new MenuItem("New embedded lab");
        embedded.setOnAction(e -> connect(
                () -> Connections.embedded(Connections.EmbeddedOptions.defaults(
                        Connections.freshLabJournal(options.home().resolve("lab-journals")))),
                "Starting a new embedded lab ..."));
        MenuItem attach = new MenuItem("Attach to a running lab ...");
        attach.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("The file triage-lab up --describe wrote");
            var file = chooser.showOpenDialog(stage);
            if (file != null) {
                attachTo(file.toPath());
            }
        });
        MenuItem aws = new MenuItem("AWS profile ...");
        aws.setId("awsProfileItem");
        aws.setOnAction(e -> chooseAwsProfile());
        menu.getItems().addAll(embedded, attach, aws);
        menu.setOnShowing(e -> {
            menu.getItems().removeIf(i -> "reopenLast".equals(i.getId()));
            settings.lastConnection()
                    .filter(last -> last.startsWith(Connections.LAB_FILE))
                    .map(last -> Path.of(last.substring(Connections.LAB_FILE.length())))
                    .ifPresent(last -> {
                        MenuItem reopen = new MenuItem("Reopen " + last);
                        reopen.setId("reopenLast");
                        reopen.setOnAction(x -> attachTo(last));
                        menu.getItems().add(reopen);
                    });
            settings.lastConnection()
                    .filter(last -> last.startsWith(Connections.AWS))
                    .map(last -> last.substring(Connections.AWS.length()))
                    .ifPresent(last -> {
                        MenuItem reopen = new MenuItem("Reopen AWS " + last);
                        reopen.setId("reopenLast");
                        int at = last.indexOf('@');
                        String profile = at < 0 ? last : last.substring(0, at);
                        String region = at < 0 ? null : last.substring(at + 1);
                        reopen.setOnAction(x -> openAws(new AwsChoice(profile, region, settings.mode(profile), null)));
                        menu.getItems().add(reopen);
                    });
        });
        return menu;
    }

    private void chooseAwsProfile() {
        String last = settings.lastConnection()
                .filter(l -> l.startsWith(Connections.AWS))
                .map(l -> l.substring(Connections.AWS.length()).split("@", 2)[0])
                .orElse(null);
        AwsProfileDialog.ask(stage, settings, tasks, last).ifPresent(this::openAws);
    }

    private void openAws(AwsChoice choice) {
        Path journal = options.attachedJournal();
        connect(
                () -> Connections.aws(choice, journal),
                "Opening AWS profile " + choice.profile() + (choice.region() == null ? "" : " in " + choice.region())
                        + " ...");
    }

    private void attachTo(Path file) {
        Path journal = options.attachedJournal();
        connect(() -> Connections.attach(file, journal), "Attaching to the lab in " + file.getFileName() + " ...");
    }

    private void shortcuts() {
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                        () -> select(Screen.OVERVIEW));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
                        () -> select(Screen.TRAFFIC));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> select(Screen.FLEET));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), () -> select(Screen.TLS));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN),
                        () -> select(Screen.SECURITY));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), () -> {
            if (ready.get()) {
                select(Screen.TRAFFIC);
                traffic.undoLast();
            }
        });
    }

    private void refresh() {
        if (!ready.get()) {
            return; // still opening: every screen reads as soon as it is built
        }
        overview.refresh();
        traffic.refresh();
        fleet.refresh();
        tls.refresh();
        security.refresh();
    }

    private static Node progress(String what) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label label = new Label(what);
        VBox box = new VBox(12, spinner, label);
        box.setAlignment(Pos.CENTER);
        box.setId("connecting");
        return box;
    }

    private Node failurePane(String why, Callable<Connection> connect, String what) {
        Label label = new Label("Could not connect: " + why);
        label.getStyleClass().add("error-text");
        label.setWrapText(true);
        Button retry = new Button("Try again");
        retry.setId("retryConnection");
        retry.setOnAction(e -> connect(connect, what));
        VBox box = new VBox(12, label, retry);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(700);
        return box;
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    public Scene scene() {
        return scene;
    }

    /** True while a connection is open and its screens are shown. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    /** The current overview, or null while connecting. */
    public OverviewScreen overview() {
        return overview;
    }

    /** The current traffic screen, or null while connecting. */
    public TrafficScreen traffic() {
        return traffic;
    }

    /** The current fleet screen, or null while connecting. */
    public FleetScreen fleet() {
        return fleet;
    }

    /** The current TLS screen, or null while connecting. */
    public TlsScreen tls() {
        return tls;
    }

    /** The current security screen, or null while connecting. */
    public SecurityScreen security() {
        return security;
    }

    /**
     * Stops polling and remembers the window; returns what must still be closed off the FX thread
     * (the connection, the settings file).
     */
    public Runnable close() {
        closing = true;
        if (opening != null) {
            opening.cancel();
        }
        if (overview != null) {
            overview.stop();
        }
        if (fleet != null) {
            fleet.stop();
        }
        if (security != null) {
            security.stop();
        }
        if (stage.isMaximized()) {
            settings.window(settings.width(), settings.height(), true);
        } else {
            settings.window(stage.getWidth(), stage.getHeight(), false);
        }
        Connection open = connection;
        connection = null;
        return () -> {
            try {
                settings.save();
            } catch (java.io.IOException e) {
                LOG.warn("could not save the console's settings: {}", e.getMessage());
            }
            if (open != null) {
                open.close();
            }
        };
    }
}
