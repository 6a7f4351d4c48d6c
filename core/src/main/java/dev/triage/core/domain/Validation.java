package dev.triage.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem with a value, then throws them all at once as {@link
 * CoreException.Invalid}. Messages name the value and the expectation: {@code "weight: 1200
 * (expected: 0..999)"}.
 */
public final class Validation {

    private final String subject;
    private final List<String> problems = new ArrayList<>();

    private Validation(String subject) {
        this.subject = requireNonNull(subject, "subject");
    }

    /** A collector for problems with {@code subject} (for example "forward action"). */
    public static Validation of(String subject) {
        return new Validation(subject);
    }

    /** Records {@code problem} unless {@code ok}. Returns {@code ok}. */
    public boolean check(boolean ok, String problem) {
        if (!ok) {
            problems.add(requireNonNull(problem, "problem"));
        }
        return ok;
    }

    /** Records {@code "name: value (expected: min..max)"} unless {@code min <= value <= max}. */
    public boolean range(String name, long value, long min, long max) {
        return check(value >= min && value <= max, name + ": " + value + " (expected: " + min + ".." + max + ")");
    }

    /** Records {@code "name: missing (expected: what)"} when value is null or blank. */
    public boolean present(String name, Object value, String what) {
        boolean ok = value != null && !(value instanceof String s && s.isBlank());
        return check(ok, name + ": " + (value == null ? "missing" : "'" + value + "'") + " (expected: " + what + ")");
    }

    /** Records a problem as is. */
    public void add(String problem) {
        problems.add(requireNonNull(problem, "problem"));
    }

    /** Records every problem of another validation (for nested values). */
    public void addAll(List<String> more) {
        problems.addAll(more);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link CoreException.Invalid} with every problem found, if any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid(subject, problems);
        }
    }
}
