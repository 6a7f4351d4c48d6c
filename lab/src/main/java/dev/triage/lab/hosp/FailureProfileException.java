package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A failure profile that cannot be used; {@link #problems()} lists every problem found, each naming field and value. */
public final class FailureProfileException extends IllegalArgumentException {
    private final List<String> problems;

    public FailureProfileException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(requireNonNull(problems, "problems"));
    }

    /** Each problem as "field: value (expected: ...)". */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        return problems.size() == 1
                ? "invalid failure profile: " + problems.getFirst()
                : "invalid failure profile (" + problems.size() + " problems): " + String.join("; ", problems);
    }
}
