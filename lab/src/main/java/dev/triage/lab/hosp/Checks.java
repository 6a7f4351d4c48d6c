package dev.triage.lab.hosp;

import java.util.ArrayList;
import java.util.List;

/** Collects every validation problem of one record, then throws them together. */
final class Checks {
    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    Checks(String prefix) {
        this.prefix = prefix;
    }

    Checks probability(String field, double value) {
        return check(field, value, value >= 0 && value <= 1, "0..1");
    }

    Checks atLeast(String field, double value, double min) {
        return check(field, value, value >= min, ">= " + format(min));
    }

    Checks positive(String field, double value) {
        return check(field, value, value > 0, "> 0");
    }

    Checks check(String field, Object value, boolean ok, String expected) {
        if (!ok || (value instanceof Double d && !Double.isFinite(d))) {
            problems.add(prefix + field + ": " + (value instanceof Double d ? format(d) : value) + " (expected: "
                    + expected + ")");
        }
        return this;
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new FailureProfileException(problems);
        }
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(12))
                .stripTrailingZeros()
                .toPlainString();
    }
}
