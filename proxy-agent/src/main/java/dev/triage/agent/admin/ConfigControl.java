package dev.triage.agent.admin;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.InvalidConfigException;
import dev.triage.agent.server.AgentServer;
import dev.triage.agent.state.ConfigStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Config changes through the admin API: compare-and-swap on the running config's hash, apply to the
 * agent, persist, remember the previous config for rollback. One change at a time (a lock around
 * compare, apply and persist), so of two pushes with the same If-Match exactly one wins.
 *
 * <p>Order of a change: validate, compare, apply to the agent (binds new listeners), persist; when
 * persisting fails the agent goes back to the config it had and the change is refused. A change is
 * reported applied only once it is on disk.
 */
final class ConfigControl {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigControl.class);

    /** The outcome of a change. */
    sealed interface Outcome {}

    record Applied(String version, String hash) implements Outcome {}

    /** A dry run found nothing wrong. */
    record Valid(String version, String hash) implements Outcome {}

    record Invalid(List<ConfigError> errors) implements Outcome {}

    record Conflict(String currentHash) implements Outcome {}

    record NoPrevious() implements Outcome {}

    /** Applied to the agent but not persisted; the agent went back to the config it had. */
    record NotPersisted(String message) implements Outcome {}

    private final AgentServer agent;
    private final ConfigStore store;
    private final BiConsumer<String, String> changed;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Versioned running;
    private Versioned previous;

    /** A config and its hash, computed once. */
    record Versioned(AgentConfig config, String hash) {
        static Versioned of(AgentConfig config) {
            return new Versioned(config, ConfigCodec.hash(config));
        }
    }

    /**
     * @param store where changes are persisted; null keeps them in memory only
     * @param changed called with (version, hash) after each change, under the lock, in order
     */
    ConfigControl(AgentServer agent, ConfigStore store, BiConsumer<String, String> changed) throws IOException {
        this.agent = requireNonNull(agent, "agent");
        this.store = store;
        this.changed = requireNonNull(changed, "changed");
        this.running = Versioned.of(agent.config());
        if (store != null) {
            Optional<AgentConfig> storedCurrent = store.current();
            Optional<AgentConfig> storedPrevious = store.previous();
            if (storedCurrent.isPresent()
                    && ConfigCodec.hash(storedCurrent.get()).equals(running.hash())) {
                this.previous = storedPrevious.map(Versioned::of).orElse(null);
            } else {
                AgentConfig before = storedCurrent.or(() -> storedPrevious).orElse(null);
                this.previous = before == null ? null : Versioned.of(before);
                store.save(running.config(), before);
            }
        }
    }

    Versioned running() {
        return running;
    }

    /** Parses and validates a body without changing anything. */
    static Outcome validate(byte[] body) {
        try {
            Versioned parsed = Versioned.of(ConfigCodec.read(new ByteArrayInputStream(body)));
            return new Valid(parsed.config().version(), parsed.hash());
        } catch (InvalidConfigException e) {
            return new Invalid(e.errors());
        } catch (IOException e) {
            return new Invalid(List.of(new ConfigError("$", e.getMessage(), "a readable JSON document")));
        }
    }

    /** Replaces the running config when {@code ifMatch} is its hash. */
    Outcome put(byte[] body, String ifMatch) {
        AgentConfig next;
        try {
            next = ConfigCodec.read(new ByteArrayInputStream(body));
        } catch (InvalidConfigException e) {
            return new Invalid(e.errors());
        } catch (IOException e) {
            return new Invalid(List.of(new ConfigError("$", e.getMessage(), "a readable JSON document")));
        }
        Versioned candidate = Versioned.of(next);
        lock.lock();
        try {
            Versioned current = running;
            if (!current.hash().equals(ifMatch)) {
                return new Conflict(current.hash());
            }
            if (candidate.hash().equals(current.hash())) {
                return new Applied(current.config().version(), current.hash());
            }
            return swap(current, candidate);
        } finally {
            lock.unlock();
        }
    }

    /** Goes back to the previous config; the one it replaces becomes the previous. */
    Outcome rollback() {
        lock.lock();
        try {
            if (previous == null) {
                return new NoPrevious();
            }
            return swap(running, previous);
        } finally {
            lock.unlock();
        }
    }

    private Outcome swap(Versioned current, Versioned next) {
        try {
            agent.apply(next.config());
        } catch (IOException | RuntimeException e) {
            LOG.warn("config {} not applied: {}", next.config().version(), e.getMessage());
            return new Invalid(
                    List.of(new ConfigError("$", String.valueOf(e.getMessage()), "a config this agent can apply")));
        }
        if (store != null) {
            try {
                store.save(next.config(), current.config());
            } catch (IOException | RuntimeException e) {
                LOG.error(
                        "config {} could not be persisted, going back to {}",
                        next.config().version(),
                        current.config().version(),
                        e);
                try {
                    agent.apply(current.config());
                } catch (IOException | RuntimeException back) {
                    LOG.error(
                            "config {} could not be re-applied",
                            current.config().version(),
                            back);
                }
                return new NotPersisted("state: " + store.directory() + " (" + e.getMessage() + ")");
            }
        }
        previous = current;
        running = next;
        LOG.info("config {} applied ({})", next.config().version(), next.hash());
        changed.accept(next.config().version(), next.hash());
        return new Applied(next.config().version(), next.hash());
    }
}
