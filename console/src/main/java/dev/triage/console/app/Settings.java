package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs, in {@code ~/.triage/console.properties}: the window's
 * size and the last connection (the embedded lab, or a describe file's path). Never a token or
 * credential: those stay in the describe file or the AWS profile they came from.
 */
final class Settings {

    static final String FILE = "console.properties";
    static final double DEFAULT_WIDTH = 1440;
    static final double DEFAULT_HEIGHT = 900;

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

    /** "embedded" or "lab:/path/to/describe.json". */
    Optional<String> lastConnection() {
        return Optional.ofNullable(values.getProperty("connection.last"));
    }

    void lastConnection(String remembered) {
        values.setProperty("connection.last", requireNonNull(remembered, "remembered"));
    }

    /** Writes the file (temp file, then rename). Blocking: call it off the UI thread. */
    void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            values.store(out, "Triage console: window and last connection (no credentials)");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
