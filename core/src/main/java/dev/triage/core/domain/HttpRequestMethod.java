package dev.triage.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** http-request-method condition: the method is one of {@code values} (upper case, case-sensitive). */
public record HttpRequestMethod(List<String> values) implements Condition {

    /** At most this many characters in a method name (ALB). */
    public static final int MAX_METHOD_LENGTH = 40;

    private static final Pattern METHOD = Pattern.compile("[A-Z_-]+");

    public HttpRequestMethod {
        Validation v = Validation.of("http-request-method condition");
        ConditionValues.check(v, "http-request-method", values, MAX_METHOD_LENGTH);
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    v.check(
                            METHOD.matcher(value).matches(),
                            "http-request-method value: '" + value + "' (expected: A-Z, '-' and '_' only)");
                }
            }
        }
        v.throwIfInvalid();
        values = List.copyOf(values);
    }

    public static HttpRequestMethod of(String... values) {
        return new HttpRequestMethod(List.of(values));
    }

    @Override
    public String field() {
        return "http-request-method";
    }

    @Override
    public int valueCount() {
        return values.size();
    }

    @Override
    public String describe() {
        return "method is " + String.join(" or ", values);
    }
}
