package dev.triage.console.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.core.port.AgentFleet;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One agent as the Fleet screen shows it: what it reported last, marked stale when it stopped
 * answering (the numbers are then those of its last answer), and how the last push ended on it.
 */
public record AgentRow(
        String name,
        String role,
        String health,
        boolean stale,
        String agentVersion,
        String configVersion,
        String drift,
        boolean drifted,
        String requestsPerSecond,
        String success,
        String cacheHits,
        String outcome,
        Outcome outcomeKind) {

    /** How the last push from this screen ended on the agent. */
    public enum Outcome {
        NONE,
        APPLIED,
        FAILED,
        SKIPPED,
        NOT_PUSHED
    }

    static final String NONE = "-";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public AgentRow {
        requireNonNull(name, "name");
        requireNonNull(outcomeKind, "outcomeKind");
    }

    /**
     * The row for {@code now}: what the agent reports, or, when it does not answer, its last answer
     * ({@code last}, null if none) marked stale since {@code lastSeen}.
     */
    static AgentRow of(
            AgentFleet.AgentInfo now,
            AgentFleet.AgentInfo last,
            Instant lastSeen,
            String outcome,
            Outcome outcomeKind) {
        requireNonNull(now, "now");
        if (now.reachable()) {
            return row(now, "up", false, outcome, outcomeKind);
        }
        String since = lastSeen == null ? "never answered" : "not answering since " + TIME.format(lastSeen);
        String health = since + ": " + now.problem();
        if (last == null) {
            return new AgentRow(
                    now.name(),
                    now.role(),
                    health,
                    true,
                    NONE,
                    NONE,
                    drift(now.drift()),
                    false,
                    NONE,
                    NONE,
                    NONE,
                    outcome,
                    outcomeKind);
        }
        AgentRow old = row(last, health, true, outcome, outcomeKind);
        return new AgentRow(
                old.name(),
                old.role(),
                health,
                true,
                old.agentVersion(),
                old.configVersion(),
                drift(now.drift()),
                false,
                old.requestsPerSecond(),
                old.success(),
                old.cacheHits(),
                outcome,
                outcomeKind);
    }

    /** This row marked stale: the whole fleet read failed. */
    AgentRow staleSince(Instant lastRead) {
        String health = "stale: last read " + (lastRead == null ? "never" : TIME.format(lastRead));
        return new AgentRow(
                name,
                role,
                health,
                true,
                agentVersion,
                configVersion,
                drift,
                drifted,
                requestsPerSecond,
                success,
                cacheHits,
                outcome,
                outcomeKind);
    }

    private static AgentRow row(
            AgentFleet.AgentInfo info, String health, boolean stale, String outcome, Outcome outcomeKind) {
        AgentFleet.Traffic t = info.traffic();
        return new AgentRow(
                info.name(),
                info.role(),
                health,
                stale,
                orNone(info.agentVersion()),
                orNone(info.configVersion()),
                drift(info.drift()),
                info.drift() == AgentFleet.Drift.DRIFTED,
                t.known() ? String.format(Locale.ROOT, "%.1f", t.requestsPerSecond()) : NONE,
                t.known() ? percent(t.successRatio()) : NONE,
                t.known() ? percent(t.cacheHitRatio()) : NONE,
                outcome,
                outcomeKind);
    }

    static String drift(AgentFleet.Drift drift) {
        return switch (drift) {
            case NO_DESIRED_CONFIG -> "none desired yet";
            case IN_SYNC -> "in sync";
            case DRIFTED -> "drifted";
            case UNKNOWN -> "unknown";
        };
    }

    static String percent(OptionalDouble ratio) {
        if (ratio.isEmpty()) {
            return NONE;
        }
        double value = 100 * ratio.getAsDouble();
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f%%", value)
                : String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String orNone(String text) {
        return text == null ? NONE : text;
    }
}
