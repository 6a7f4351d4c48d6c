package dev.triage.core.domain;

/**
 * A rule's place in its listener: a number 1..50000 (lowest first) or the default rule, which is
 * evaluated last and whose priority cannot change.
 */
public sealed interface RulePriority extends Comparable<RulePriority> {

    int MIN = 1;
    int MAX = 50_000;

    RulePriority DEFAULT = new Default();

    static RulePriority of(int value) {
        return new Numbered(value);
    }

    /** Reads ELBv2's text form: "default" or a number. */
    static RulePriority parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CoreException.Invalid(
                    "rule priority",
                    java.util.List.of("priority: missing (expected: default or " + MIN + ".." + MAX + ")"));
        }
        if (text.equals("default")) {
            return DEFAULT;
        }
        try {
            return of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new CoreException.Invalid(
                    "rule priority",
                    java.util.List.of("priority: '" + text + "' (expected: default or " + MIN + ".." + MAX + ")"),
                    e);
        }
    }

    boolean isDefault();

    /** ELBv2's text form. */
    String text();

    @Override
    default int compareTo(RulePriority other) {
        return Integer.compare(order(this), order(other));
    }

    private static int order(RulePriority priority) {
        return priority instanceof Numbered(int value) ? value : Integer.MAX_VALUE;
    }

    record Numbered(int value) implements RulePriority {
        public Numbered {
            Validation v = Validation.of("rule priority");
            v.range("priority", value, MIN, MAX);
            v.throwIfInvalid();
        }

        @Override
        public boolean isDefault() {
            return false;
        }

        @Override
        public String text() {
            return Integer.toString(value);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    record Default() implements RulePriority {
        @Override
        public boolean isDefault() {
            return true;
        }

        @Override
        public String text() {
            return "default";
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
