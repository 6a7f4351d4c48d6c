package dev.triage.core.domain;

import java.util.List;

/** http-header condition: the named header's value matches any of {@code values}. */
public record HttpHeader(String name, List<String> values) implements Condition {

    /** At most this many characters in the header name (ALB). */
    public static final int MAX_NAME_LENGTH = 40;

    public HttpHeader {
        Validation v = Validation.of("http-header condition");
        if (v.present("http-header name", name, "a header name")) {
            v.check(
                    name.length() <= MAX_NAME_LENGTH,
                    "http-header name: '" + name + "' has " + name.length() + " characters (expected: at most "
                            + MAX_NAME_LENGTH + ")");
        }
        ConditionValues.check(v, "http-header", values, MAX_VALUE_LENGTH);
        v.throwIfInvalid();
        values = List.copyOf(values);
    }

    @Override
    public String field() {
        return "http-header";
    }

    @Override
    public int valueCount() {
        return values.size();
    }

    @Override
    public String describe() {
        return "header " + name + " is " + String.join(" or ", values);
    }
}
