package dev.triage.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One exact call a plan makes, such as ModifyRule with its parameters in the order they are
 * shown, and a line a person reads in a second.
 *
 * @param operation the provider's operation name, e.g. "ModifyRule"
 * @param parameters the parameters in display order (copied; no null keys or values)
 * @param description one line, e.g. "shift rule 10 to replacement 10%"
 */
public record ApiCall(String operation, Map<String, Object> parameters, String description) {

    public ApiCall {
        Validation v = Validation.of("API call " + operation);
        v.present("operation", operation, "an operation name such as ModifyRule");
        if (v.present("parameters", parameters, "a map of parameters")) {
            parameters.forEach((key, value) -> {
                v.check(key != null, "parameter: null name (expected: a name)");
                v.check(value != null, "parameter " + key + ": null (expected: a value)");
            });
        }
        if (v.present("description", description, "one line a person reads")) {
            v.check(!description.contains("\n"), "description: '" + description + "' (expected: one line)");
        }
        v.throwIfInvalid();
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
