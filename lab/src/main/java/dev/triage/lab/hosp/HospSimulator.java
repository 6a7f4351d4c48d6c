package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A running HOSP simulator: the vendor's patient-records API with its failures (see
 * docs/hosp-simulator.md). Start one with {@link #start(HospOptions)}, send requests to {@link #baseUri()},
 * read the {@link #ledger()} and {@link #stats()}, and {@link #close()} it.
 */
public final class HospSimulator implements AutoCloseable {
    private final HospOptions options;
    private final WriteLedger ledger = new WriteLedger();
    private final HospStats stats = new HospStats();
    private final Listener listener;
    private final HospServer server;
    private final OutageController outages;

    private HospSimulator(HospOptions options, LongSupplier ticker) {
        this.options = options;
        SimClock clock = new SimClock(System.nanoTime(), options.timeScale());
        Store store = new Store(
                Clock.systemUTC(),
                ticker,
                clock.scaledNanos(options.imageProcessing().toNanos() / 1e9));
        Seeder.seed(store, options.seed());
        Timeline timeline = new Timeline(options.profile(), options.seed());
        Api api = new Api(store, ledger, stats, options.honourIdempotencyKey());
        this.outages = new OutageController(timeline, clock, new OutageTarget(), stats);
        AdminApi admin = new AdminApi(ledger, stats, options, outages::down);
        this.server = new HospServer(options, clock, api, admin, new FaultModel(options.profile(), timeline), stats);
        this.listener = new Listener(options.host(), options.port(), server::accept);
    }

    /** Binds {@code options.host():options.port()}, seeds the data and starts serving (and failing). */
    public static HospSimulator start(HospOptions options) {
        return start(options, System::nanoTime);
    }

    /** As {@link #start(HospOptions)}, with the ticker that decides when uploaded images are analysed. */
    static HospSimulator start(HospOptions options, LongSupplier imageTicker) {
        requireNonNull(options, "options");
        requireNonNull(imageTicker, "imageTicker");
        HospSimulator simulator = new HospSimulator(options, imageTicker);
        try {
            simulator.listener.open();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "HOSP simulator cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(),
                    e);
        }
        simulator.outages.start();
        return simulator;
    }

    /** The port it listens on (stays the same across outages). */
    public int port() {
        return listener.port();
    }

    /** http://host:port, without a trailing slash. */
    public URI baseUri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    public HospOptions options() {
        return options;
    }

    /** Commits per X-Request-Id, and the duplicates among them. */
    public WriteLedger ledger() {
        return ledger;
    }

    /** What the simulator did: attempts, failures, outages, service times. */
    public HospStats stats() {
        return stats;
    }

    /**
     * Starts an outage now, lasting {@code duration} of wall-clock time (not scaled): returns once new
     * connections are refused and open ones are reset. The port is bound again when it ends (unless a
     * scheduled outage is under way).
     */
    public void forceOutage(Duration duration) {
        outages.force(duration);
    }

    /** Whether HOSP is out right now (connections refused). */
    public boolean outageActive() {
        return outages.down();
    }

    /** Stops listening, resets every connection, wakes every delayed request. */
    @Override
    public void close() {
        outages.close();
        listener.close();
        server.close();
    }

    private final class OutageTarget implements OutageController.Target {
        @Override
        public void goDown() {
            listener.close();
            server.outageBegan();
        }

        @Override
        public void goUp() throws IOException {
            listener.open();
            server.outageEnded();
        }
    }
}
