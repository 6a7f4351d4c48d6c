package dev.triage.lab.hosp;

import java.util.Locale;
import java.util.Optional;

/** A staff member's role, which decides the writes they may make. */
enum Role {
    DOCTOR,
    NURSE,
    ADMIN,
    RECEPTIONIST;

    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.jsonName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
