package dev.triage.agent.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive lookup. Small by design:
 * requests carry a dozen headers, so a list scan beats a map.
 */
public final class Headers {

    public static final Headers EMPTY = new Headers(List.of());

    /** Hop-by-hop fields (RFC 9110 7.6.1): never forwarded by a proxy, in either direction. */
    public static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "namesAndValues: odd count " + namesAndValues.length + " (expected: pairs)");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new ArrayList<>());
    }

    public Builder toBuilder() {
        return new Builder(new ArrayList<>(fields));
    }

    public Optional<String> first(String name) {
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                return Optional.of(field.value);
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    public List<Field> fields() {
        return fields;
    }

    /**
     * A copy without hop-by-hop fields, nor those the Connection field names; this instance itself when
     * it has none (the common case on the hot path: no allocation).
     */
    public Headers withoutHopByHop() {
        boolean any = false;
        for (Field field : fields) {
            if (isHopByHop(field.name)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return this;
        }
        List<String> named = new ArrayList<>();
        for (String connection : all("connection")) {
            for (String token : connection.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        Builder builder = builder();
        for (Field field : fields) {
            if (!isHopByHop(field.name) && !named.contains(field.name.toLowerCase(Locale.ROOT))) {
                builder.add(field.name, field.value);
            }
        }
        return builder.build();
    }

    /** Whether the field is hop-by-hop, compared without allocating. */
    public static boolean isHopByHop(String name) {
        for (String hop : HOP_BY_HOP) {
            if (hop.length() == name.length() && hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    public record Field(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    public static final class Builder {
        private final List<Field> fields;

        private Builder(List<Field> fields) {
            this.fields = fields;
        }

        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /** Replaces every field of that name with one. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            fields.removeIf(field -> field.name.equalsIgnoreCase(name));
            return this;
        }

        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
        }
    }
}
