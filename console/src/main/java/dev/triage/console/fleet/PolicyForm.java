package dev.triage.console.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.HedgePolicy;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The config editor's form as text, and the route policy it makes: the fields a person edits (retry,
 * hedge delay, cache times, gates), each section on or off; what the form does not show (retryOn,
 * budget, maxHedges, maxEntryBytes ...) is kept from the policy the route runs. Plain Java.
 */
final class PolicyForm {

    /** The parts of a route policy, each on (present) or off (null). */
    enum Section {
        RETRY,
        HEDGE,
        CACHE,
        GATES
    }

    /** The edited fields, with the JSON path the agents' validation names them by. */
    enum Field {
        RETRY_ATTEMPTS(Section.RETRY, "retry.maxAttempts"),
        RETRY_PER_TRY(Section.RETRY, "retry.perTryTimeoutMs"),
        RETRY_DEADLINE(Section.RETRY, "retry.deadlineMs"),
        RETRY_BACKOFF_BASE(Section.RETRY, "retry.backoffBaseMs"),
        RETRY_BACKOFF_MAX(Section.RETRY, "retry.backoffMaxMs"),
        HEDGE_DELAY(Section.HEDGE, "hedge.delayMs"),
        CACHE_TTL(Section.CACHE, "cache.ttlMs"),
        CACHE_SWR(Section.CACHE, "cache.staleWhileRevalidateMs"),
        CACHE_SIE(Section.CACHE, "cache.staleIfErrorMs"),
        GATE_MAX_BODY(Section.GATES, "gates.maxBodyBytes"),
        GATE_METHODS(Section.GATES, "gates.allowedMethods"),
        GATE_HEADER_NAME(Section.GATES, "gates.requiredHeader.name"),
        GATE_HEADER_VALUES(Section.GATES, "gates.requiredHeader.values");

        final Section section;
        final String path;

        Field(Section section, String path) {
            this.section = section;
            this.path = path;
        }

        /** The fx:id of the field's text box, e.g. {@code retryMaxAttempts}. */
        String id() {
            String[] parts = path.split("\\.");
            StringBuilder out = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
            return out.toString();
        }
    }

    /** What a newly switched-on retry section starts from. */
    static final RetryPolicy NEW_RETRY =
            new RetryPolicy(3, 5_000, 15_000, 100, 2_000, null, true, null, null, false, 0);

    static final HedgePolicy NEW_HEDGE = new HedgePolicy(1_000, HedgePolicy.DEFAULT_MAX_HEDGES);
    static final CachePolicy NEW_CACHE = new CachePolicy(30_000, 0, 0, false, 0);
    static final GatePolicy NEW_GATES = new GatePolicy(null, false, 0, List.of());

    /**
     * A form's state: which sections are on, each field's text, and the Basic-auth gate.
     *
     * @param texts every field's text (fields of a section that is off hold its last text)
     */
    record State(Set<Section> sections, Map<Field, String> texts, boolean requireBasicAuth) {
        State {
            sections = sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections);
            texts = new EnumMap<>(texts);
            for (Field field : Field.values()) {
                texts.putIfAbsent(field, "");
            }
        }
    }

    /** What the form makes: the policy (null when a field does not parse) and every problem found. */
    record Built(RoutePolicy policy, List<String> problems) {
        Built {
            problems = List.copyOf(problems);
        }
    }

    private PolicyForm() {}

    /** The form showing {@code policy}; a section that is off shows what switching it on starts from. */
    static State of(RoutePolicy policy) {
        requireNonNull(policy, "policy");
        Set<Section> on = EnumSet.noneOf(Section.class);
        Map<Field, String> texts = new EnumMap<>(Field.class);
        RetryPolicy retry = policy.retry() != null ? policy.retry() : NEW_RETRY;
        if (policy.retry() != null) {
            on.add(Section.RETRY);
        }
        texts.put(Field.RETRY_ATTEMPTS, Integer.toString(retry.maxAttempts()));
        texts.put(Field.RETRY_PER_TRY, Integer.toString(retry.perTryTimeoutMs()));
        texts.put(Field.RETRY_DEADLINE, Integer.toString(retry.deadlineMs()));
        texts.put(Field.RETRY_BACKOFF_BASE, Integer.toString(retry.backoffBaseMs()));
        texts.put(Field.RETRY_BACKOFF_MAX, Integer.toString(retry.backoffMaxMs()));
        HedgePolicy hedge = policy.hedge() != null ? policy.hedge() : NEW_HEDGE;
        if (policy.hedge() != null) {
            on.add(Section.HEDGE);
        }
        texts.put(Field.HEDGE_DELAY, Integer.toString(hedge.delayMs()));
        CachePolicy cache = policy.cache() != null ? policy.cache() : NEW_CACHE;
        if (policy.cache() != null) {
            on.add(Section.CACHE);
        }
        texts.put(Field.CACHE_TTL, Integer.toString(cache.ttlMs()));
        texts.put(Field.CACHE_SWR, Integer.toString(cache.staleWhileRevalidateMs()));
        texts.put(Field.CACHE_SIE, Integer.toString(cache.staleIfErrorMs()));
        GatePolicy gates = policy.gates() != null ? policy.gates() : NEW_GATES;
        if (policy.gates() != null) {
            on.add(Section.GATES);
        }
        texts.put(Field.GATE_MAX_BODY, Long.toString(gates.maxBodyBytes()));
        texts.put(Field.GATE_METHODS, String.join(", ", gates.allowedMethods()));
        GatePolicy.RequiredHeader header = gates.requiredHeader();
        texts.put(Field.GATE_HEADER_NAME, header == null ? "" : header.name());
        texts.put(Field.GATE_HEADER_VALUES, header == null ? "" : String.join(", ", header.values()));
        return new State(on, texts, gates.requireBasicAuth());
    }

    /**
     * The policy the form says, keeping from {@code base} what the form does not show; every field that
     * is not a number where one is expected is a problem, all reported at once.
     */
    static Built build(RoutePolicy base, State state) {
        requireNonNull(base, "base");
        requireNonNull(state, "state");
        List<String> problems = new ArrayList<>();
        Numbers n = new Numbers(state, problems);
        RetryPolicy retry = null;
        if (state.sections().contains(Section.RETRY)) {
            RetryPolicy from = base.retry() != null ? base.retry() : NEW_RETRY;
            retry = new RetryPolicy(
                    n.integer(Field.RETRY_ATTEMPTS),
                    n.integer(Field.RETRY_PER_TRY),
                    n.integer(Field.RETRY_DEADLINE),
                    n.integer(Field.RETRY_BACKOFF_BASE),
                    n.integer(Field.RETRY_BACKOFF_MAX),
                    from.retryOn(),
                    from.honourRetryAfter(),
                    from.budget(),
                    from.idempotencyKeyHeader(),
                    from.upstreamHonoursIdempotencyKey(),
                    from.holdWritesMs(),
                    from.notProcessedStatuses());
        }
        HedgePolicy hedge = null;
        if (state.sections().contains(Section.HEDGE)) {
            HedgePolicy from = base.hedge() != null ? base.hedge() : NEW_HEDGE;
            hedge = new HedgePolicy(n.integer(Field.HEDGE_DELAY), from.maxHedges());
        }
        CachePolicy cache = null;
        if (state.sections().contains(Section.CACHE)) {
            CachePolicy from = base.cache() != null ? base.cache() : NEW_CACHE;
            cache = new CachePolicy(
                    n.integer(Field.CACHE_TTL),
                    n.integer(Field.CACHE_SWR),
                    n.integer(Field.CACHE_SIE),
                    from.shareAcrossPrincipals(),
                    from.maxEntryBytes());
        }
        GatePolicy gates = null;
        if (state.sections().contains(Section.GATES)) {
            String name = state.texts().get(Field.GATE_HEADER_NAME).trim();
            List<String> values = list(state.texts().get(Field.GATE_HEADER_VALUES));
            GatePolicy.RequiredHeader header =
                    name.isEmpty() && values.isEmpty() ? null : new GatePolicy.RequiredHeader(name, values);
            List<String> methods = list(state.texts().get(Field.GATE_METHODS)).stream()
                    .map(m -> m.toUpperCase(Locale.ROOT))
                    .toList();
            gates = new GatePolicy(header, state.requireBasicAuth(), n.whole(Field.GATE_MAX_BODY), methods);
        }
        if (!problems.isEmpty()) {
            return new Built(null, problems);
        }
        return new Built(new RoutePolicy(retry, hedge, cache, gates), problems);
    }

    /** What differs between two forms, one line per field: {@code retry.maxAttempts: 8 -> 5}. */
    static List<String> changes(State before, State after) {
        List<String> out = new ArrayList<>();
        for (Section section : Section.values()) {
            boolean was = before.sections().contains(section);
            boolean now = after.sections().contains(section);
            String name = section.name().toLowerCase(Locale.ROOT);
            if (was && !now) {
                out.add(name + ": off");
                continue;
            }
            if (!now) {
                continue;
            }
            if (!was) {
                out.add(name + ": on");
            }
            for (Field field : Field.values()) {
                if (field.section != section) {
                    continue;
                }
                String from = before.texts().get(field).trim();
                String to = after.texts().get(field).trim();
                if (!was || !from.equals(to)) {
                    out.add("  ".repeat(was ? 0 : 1) + field.path + ": " + (was ? show(from) + " -> " : "") + show(to));
                }
            }
            if (section == Section.GATES && (!was || before.requireBasicAuth() != after.requireBasicAuth())) {
                out.add("  ".repeat(was ? 0 : 1) + "gates.requireBasicAuth: "
                        + (was ? before.requireBasicAuth() + " -> " : "") + after.requireBasicAuth());
            }
        }
        return out;
    }

    private static String show(String text) {
        return text.isEmpty() ? "(none)" : text;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Parses the numeric fields, noting each that is not a number. */
    private record Numbers(State state, List<String> problems) {

        int integer(Field field) {
            long value = whole(field);
            if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                problems.add(field.path + ": " + value + " (expected: at most " + Integer.MAX_VALUE + ")");
                return 0;
            }
            return (int) value;
        }

        long whole(Field field) {
            String text = state.texts().get(field).trim().replace("_", "");
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                problems.add(field.path + ": '" + text + "' (expected: a whole number)");
                return 0;
            }
        }
    }
}
