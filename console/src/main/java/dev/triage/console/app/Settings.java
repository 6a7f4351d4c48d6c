package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.Connection;
import dev.triage.console.connection.Connections;
import dev.triage.console.connection.WritePolicy;
import dev.triage.core.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs, in {@code ~/.triage/console.properties}: the window's
 * size, the last connection (the embedded lab, a describe file's path, or an AWS profile), each
 * AWS profile's mode (normal, read-only, protected), region and the load balancer its overview showed
 * (an ARN), and the CDN address ranges the access-log scan uses, per place (the lab; each AWS
 * profile). Never a token or
 * credential: those stay in the describe file or the AWS profile they came from.
 */
final class Settings {

    static final String FILE = "console.properties";
    static final double DEFAULT_WIDTH = 1440;
    static final double DEFAULT_HEIGHT = 900;

    static final String MODE = "aws.mode.";
    static final String REGION = "aws.region.";
    static final String LOAD_BALANCER = "aws.overview.";
    static final String CDN_RANGES = "cdn.ranges.";

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Path file;
    private final Properties values = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    /** Reads the settings; a missing or unreadable file gives the defaults. */
    static Settings load(Path home) {
        Settings settings = new Settings(requireNonNull(home, "home").resolve(FILE));
        if (Files.exists(settings.file)) {
            try (InputStream in = Files.newInputStream(settings.file)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("could not read {}; using defaults: {}", settings.file, e.getMessage());
            }
        }
        return settings;
    }

    double width() {
        return number("window.width", DEFAULT_WIDTH, 640, 10_000);
    }

    double height() {
        return number("window.height", DEFAULT_HEIGHT, 480, 10_000);
    }

    boolean maximized() {
        return Boolean.parseBoolean(values.getProperty("window.maximized", "false"));
    }

    void window(double width, double height, boolean maximized) {
        values.setProperty("window.width", Long.toString(Math.round(width)));
        values.setProperty("window.height", Long.toString(Math.round(height)));
        values.setProperty("window.maximized", Boolean.toString(maximized));
    }

    /** "embedded", "lab:/path/to/describe.json" or "aws:PROFILE[@REGION]". */
    Optional<String> lastConnection() {
        return Optional.ofNullable(values.getProperty("connection.last"));
    }

    void lastConnection(String remembered) {
        values.setProperty("connection.last", requireNonNull(remembered, "remembered"));
    }

    /** The mode remembered for an AWS profile; normal when none is. */
    WritePolicy.Mode mode(String profile) {
        String value = values.getProperty(MODE + requireNonNull(profile, "profile"));
        if (value == null) {
            return WritePolicy.Mode.NORMAL;
        }
        try {
            return WritePolicy.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            return WritePolicy.Mode.PROTECTED; // a damaged entry must not make a profile writable
        }
    }

    void mode(String profile, WritePolicy.Mode mode) {
        values.setProperty(MODE + requireNonNull(profile, "profile"), mode.key());
    }

    /** The region last used with an AWS profile, when one was chosen explicitly. */
    Optional<String> region(String profile) {
        return Optional.ofNullable(values.getProperty(REGION + requireNonNull(profile, "profile")));
    }

    void region(String profile, String region) {
        if (region == null) {
            values.remove(REGION + profile);
        } else {
            values.setProperty(REGION + requireNonNull(profile, "profile"), region);
        }
    }

    /** The load balancer the overview last showed for an AWS profile: its ARN (or name). */
    Optional<String> overviewSource(String profile) {
        return Optional.ofNullable(values.getProperty(LOAD_BALANCER + requireNonNull(profile, "profile")));
    }

    void overviewSource(String profile, String key) {
        requireNonNull(profile, "profile");
        if (key == null) {
            values.remove(LOAD_BALANCER + profile);
        } else {
            values.setProperty(LOAD_BALANCER + profile, key);
        }
    }

    /**
     * Which CDN ranges a place uses: "lab" for any lab (its addresses are loopback ones everywhere),
     * "aws.PROFILE" for an AWS profile in any region (the CDN is the same).
     */
    static String placeKey(Connection.Place place) {
        requireNonNull(place, "place");
        if (place.kind() == Connection.Place.Kind.LAB) {
            return "lab";
        }
        String profile = place.remembered().startsWith(Connections.AWS)
                ? place.remembered().substring(Connections.AWS.length())
                : place.remembered();
        int at = profile.indexOf('@');
        return "aws." + (at < 0 ? profile : profile.substring(0, at));
    }

    /** The CDN ranges remembered for a place (see {@link #placeKey}), as text; empty when none are. */
    String cdnRanges(String place) {
        return values.getProperty(CDN_RANGES + requireNonNull(place, "place"), "");
    }

    void cdnRanges(String place, List<String> ranges) {
        requireNonNull(place, "place");
        if (ranges.isEmpty()) {
            values.remove(CDN_RANGES + place);
        } else {
            values.setProperty(CDN_RANGES + place, String.join(", ", ranges));
        }
    }

    /** Writes the file whole or not at all (core's AtomicFiles: 0600, forced, renamed). Blocking: off the UI thread. */
    void save() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        values.store(out, "Triage console: window, last connection, profile modes, CDN ranges (no credentials)");
        AtomicFiles.replace(file, out.toByteArray());
    }

    private double number(String key, double fallback, double min, double max) {
        try {
            double value = Double.parseDouble(values.getProperty(key, Double.toString(fallback)));
            return value >= min && value <= max ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
