package dev.triage.console.traffic.rules;

import java.util.Optional;

/** Whole numbers as typed into the editor's fields. */
final class Numbers {

    private Numbers() {}

    /** The number in {@code text} (blanks around it allowed), or empty when it is not one. */
    static Optional<Integer> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String digits = text.strip();
        if (digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits));
    }
}
