package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Condition;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Masks the values of secret headers' http-header conditions (by header name, case-insensitive)
 * with their {@link SecretDigests digests}: in resources structurally, and in any text (call
 * lines, titles, details) by replacing each secret value met in the resources.
 */
final class Masking {

    private final Set<String> names;
    private final SecretDigests digests;

    Masking(Set<String> names, SecretDigests digests) {
        this.names = requireNonNull(names, "names").stream()
                .map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.digests = requireNonNull(digests, "digests");
    }

    boolean active() {
        return !names.isEmpty();
    }

    boolean secret(HttpHeader header) {
        return names.contains(header.name().toLowerCase(Locale.ROOT));
    }

    Resource mask(Resource resource) {
        if (!active() || !(resource instanceof Rule rule)) {
            return resource;
        }
        boolean changed = false;
        List<Condition> conditions = new ArrayList<>(rule.conditions().size());
        for (Condition c : rule.conditions()) {
            if (c instanceof HttpHeader h
                    && secret(h)
                    && h.values().stream().anyMatch(v -> !SecretDigests.isDigest(v))) {
                conditions.add(new HttpHeader(
                        h.name(), h.values().stream().map(digests::digest).toList()));
                changed = true;
            } else {
                conditions.add(c);
            }
        }
        return changed ? rule.with(conditions, rule.actions()) : rule;
    }

    List<Resource> mask(List<Resource> resources) {
        return resources.stream().map(this::mask).toList();
    }

    /** Whether {@code resource} carries a masked secret (it cannot be written back as it is). */
    boolean carriesDigest(Resource resource) {
        return resource instanceof Rule rule
                && rule.conditions().stream()
                        .anyMatch(c ->
                                c instanceof HttpHeader h && h.values().stream().anyMatch(SecretDigests::isDigest));
    }

    /** The clear secret values in {@code resources}, longest first. */
    Set<String> values(List<List<Resource>> lists) {
        Set<String> out =
                new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        for (List<Resource> resources : lists) {
            for (Resource r : resources) {
                if (r instanceof Rule rule) {
                    for (Condition c : rule.conditions()) {
                        if (c instanceof HttpHeader h && secret(h)) {
                            h.values().stream()
                                    .filter(v -> !SecretDigests.isDigest(v))
                                    .forEach(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    String scrub(String text, Set<String> values) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, digests.digest(value));
        }
        return out;
    }

    /** For each clear secret value in {@code resources}, its digest, to put the value back where the journal has the digest. */
    java.util.Map<String, String> clearByDigest(List<Resource> resources) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String value : values(List.of(resources))) {
            out.put(digests.digest(value), value);
        }
        return out;
    }

    /** {@code resource} with each digest replaced by the clear value {@code clear} knows for it; digests it does not know stay. */
    Resource unmask(Resource resource, java.util.Map<String, String> clear) {
        if (!carriesDigest(resource)) {
            return resource;
        }
        Rule rule = (Rule) resource;
        List<Condition> conditions = new ArrayList<>(rule.conditions().size());
        for (Condition c : rule.conditions()) {
            if (c instanceof HttpHeader h) {
                conditions.add(new HttpHeader(
                        h.name(),
                        h.values().stream().map(v -> clear.getOrDefault(v, v)).toList()));
            } else {
                conditions.add(c);
            }
        }
        return rule.with(conditions, rule.actions());
    }

    /** {@code entry} with every secret value masked: in its resources and in its text. */
    JournalEntry mask(JournalEntry entry) {
        if (!active()) {
            return entry;
        }
        JournalEntry.Resources r = entry.resources();
        List<List<Resource>> lists = r == null ? List.of() : List.of(r.before(), r.planned(), r.after(), r.inverse());
        Set<String> values = values(lists);
        return new JournalEntry(
                entry.id(),
                entry.phase(),
                entry.time(),
                entry.actor(),
                scrub(entry.reason(), values),
                entry.planId(),
                scrub(entry.title(), values),
                entry.calls().stream().map(c -> scrub(c, values)).toList(),
                entry.before(),
                entry.planned(),
                entry.after(),
                entry.inverse(),
                entry.outcome(),
                scrub(entry.detail(), values),
                r == null
                        ? null
                        : new JournalEntry.Resources(
                                mask(r.before()), mask(r.planned()), mask(r.after()), mask(r.inverse())),
                entry.secretHeaders());
    }
}
