package dev.triage.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** host-header condition: matches when the request's value matches any of {@code values} (a host name such as api.example.com or *.example.com). */
public record HostHeader(List<String> values) implements Condition {

    /** ALB's characters for a host name: letters, digits, - _ . and the wildcards. */
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.*?-]+");

    public HostHeader {
        Validation v = Validation.of("host-header condition");
        ConditionValues.check(v, "host-header", values, MAX_VALUE_LENGTH);
        ConditionValues.checkCharacters(
                v, "host-header", values, ALLOWED, "A-Z, a-z, 0-9, - _ . and the wildcards * and ?");
        v.throwIfInvalid();
        values = List.copyOf(values);
    }

    public static HostHeader of(String... values) {
        return new HostHeader(List.of(values));
    }

    @Override
    public String field() {
        return "host-header";
    }

    @Override
    public int valueCount() {
        return values.size();
    }

    @Override
    public String describe() {
        return "host-header is " + String.join(" or ", values);
    }
}
