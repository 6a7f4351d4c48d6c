package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how this connection may write: freely, not at all (a read-only profile), or only once
 * the user has typed the profile's name (a protected profile). Every write path consults it before
 * it applies a plan.
 *
 * @param mode normal, read-only or protected
 * @param name what must be typed to confirm a write in protected mode (the profile's name)
 */
public record WritePolicy(Mode mode, String name) {

    /** Writes allowed after the usual preview and confirm (the lab). */
    public static final WritePolicy NORMAL = new WritePolicy(Mode.NORMAL, "");

    public WritePolicy {
        requireNonNull(mode, "mode");
        requireNonNull(name, "name");
        if (mode == Mode.PROTECTED && name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: the profile's name to type)");
        }
    }

    /** How a profile may write. */
    public enum Mode {
        NORMAL,
        READ_ONLY,
        PROTECTED;

        /** As remembered in the settings and given on the command line: normal, read-only, protected. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@link #key()}; IllegalArgumentException names the expected values. */
        public static Mode parse(String key) {
            for (Mode mode : values()) {
                if (mode.key().equals(key)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode: '" + key + "' (expected: normal, read-only or protected)");
        }
    }

    public static WritePolicy of(Mode mode, String name) {
        return new WritePolicy(mode, name);
    }

    /** False in read-only mode: write actions are disabled. */
    public boolean writable() {
        return mode != Mode.READ_ONLY;
    }

    /** True in protected mode: the confirm step asks for the profile's name. */
    public boolean needsTypedName() {
        return mode == Mode.PROTECTED;
    }

    /** What the banner shows beside the place: READ-ONLY, PROTECTED, or nothing. */
    public String label() {
        return mode == Mode.NORMAL ? "" : mode.key().toUpperCase(Locale.ROOT);
    }

    /** Why writes are disabled (a tooltip), or empty when they are not. */
    public String whyReadOnly() {
        return writable() ? "" : "Read-only profile " + name + ": writes are disabled (Connection > AWS profile ...)";
    }

    /**
     * Why a write confirmed with {@code typed} must not go ahead, or empty when it may.
     *
     * @param typed what the user typed in the confirm step (ignored unless protected)
     */
    public Optional<String> refusal(String typed) {
        return switch (mode) {
            case NORMAL -> Optional.empty();
            case READ_ONLY -> Optional.of(whyReadOnly() + ".");
            case PROTECTED ->
                name.equals(typed == null ? "" : typed.strip())
                        ? Optional.empty()
                        : Optional.of("Protected profile " + name + ": type its name to confirm this write.");
        };
    }
}
