package dev.triage.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** path-pattern condition: matches when the request's value matches any of {@code values} (a path pattern such as /api/*). */
public record PathPattern(List<String> values) implements Condition {

    /** ALB's characters for a path pattern: letters, digits, _ - . $ / ~ " ' @ : + & and the wildcards. */
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]+");

    public PathPattern {
        Validation v = Validation.of("path-pattern condition");
        ConditionValues.check(v, "path-pattern", values, MAX_VALUE_LENGTH);
        ConditionValues.checkCharacters(
                v,
                "path-pattern",
                values,
                ALLOWED,
                "A-Z, a-z, 0-9, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?");
        v.throwIfInvalid();
        values = List.copyOf(values);
    }

    public static PathPattern of(String... values) {
        return new PathPattern(List.of(values));
    }

    @Override
    public String field() {
        return "path-pattern";
    }

    @Override
    public int valueCount() {
        return values.size();
    }

    @Override
    public String describe() {
        return "path-pattern is " + String.join(" or ", values);
    }
}
