package dev.triage.core.domain;

import java.util.ArrayList;
import java.util.List;

/** query-string condition: the query holds any of the key/value pairs (a null key matches any key). */
public record QueryString(List<KeyValue> pairs) implements Condition {

    public QueryString {
        Validation v = Validation.of("query-string condition");
        if (v.present("query-string values", pairs, "1.." + MAX_VALUES + " key/value pairs")) {
            v.range("query-string values", pairs.size(), 1, MAX_VALUES);
            List<String> texts = new ArrayList<>();
            for (KeyValue pair : pairs) {
                if (v.present("query-string pair", pair, "a key/value pair")) {
                    texts.add(pair.value());
                    if (pair.key() != null) {
                        texts.add(pair.key());
                    }
                }
            }
            for (String text : texts) {
                if (text == null || text.isEmpty()) {
                    v.add("query-string value: missing (expected: a non-empty value)");
                } else if (text.length() > MAX_VALUE_LENGTH) {
                    v.add("query-string value: '" + text + "' has " + text.length() + " characters (expected: at most "
                            + MAX_VALUE_LENGTH + ")");
                }
            }
        }
        v.throwIfInvalid();
        pairs = List.copyOf(pairs);
    }

    /** One key/value pair; {@code key} may be null to match the value under any key. */
    public record KeyValue(String key, String value) {}

    @Override
    public String field() {
        return "query-string";
    }

    @Override
    public int valueCount() {
        return pairs.size();
    }

    @Override
    public String describe() {
        List<String> parts = pairs.stream()
                .map(p -> p.key() == null ? p.value() : p.key() + "=" + p.value())
                .toList();
        return "query has " + String.join(" or ", parts);
    }
}
