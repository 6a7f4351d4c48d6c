package dev.triage.agent.state;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's state directory: {@value #CURRENT} (the config serving traffic) and {@value #PREVIOUS}
 * (the one before it, for rollback). The one public entry point of persistence.
 *
 * <p>Every write replaces a whole file atomically (temp file, fsync, rename, fsync of the directory),
 * previous first, then current, so a crash at any moment leaves both files complete and valid: at
 * worst current still holds the config before the push. A file that is missing or does not validate
 * reads as absent.
 */
public final class ConfigStore {

    public static final String CURRENT = "config.json";
    public static final String PREVIOUS = "config.previous.json";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final Path dir;

    private ConfigStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating it when absent) a state directory and removes temp files a crash left there. */
    public static ConfigStore open(Path dir) throws IOException {
        requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        AtomicFiles.removeLeftovers(dir);
        return new ConfigStore(dir);
    }

    public Path directory() {
        return dir;
    }

    /** The persisted current config when it is present and valid. */
    public Optional<AgentConfig> current() {
        return read(dir.resolve(CURRENT));
    }

    /** The persisted previous config when it is present and valid. */
    public Optional<AgentConfig> previous() {
        return read(dir.resolve(PREVIOUS));
    }

    /**
     * Persists a new current config and the previous one (null leaves the previous file as it is).
     * Returns only once both are on disk.
     */
    public synchronized void save(AgentConfig current, AgentConfig previous) throws IOException {
        requireNonNull(current, "current");
        if (previous != null) {
            AtomicFiles.write(dir.resolve(PREVIOUS), bytes(previous));
        }
        AtomicFiles.write(dir.resolve(CURRENT), bytes(current));
    }

    private static byte[] bytes(AgentConfig config) {
        return ConfigCodec.write(config).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<AgentConfig> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigCodec.read(file));
        } catch (InvalidConfigException e) {
            LOG.warn(
                    "state: {} is not a valid config, ignored ({} problems)",
                    file,
                    e.errors().size());
        } catch (IOException e) {
            LOG.warn("state: {} cannot be read, ignored ({})", file, e.toString());
        }
        return Optional.empty();
    }
}
