package dev.triage.lab.hosp;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The seeded staff accounts the documentation names, one per role (docs/hosp-simulator.md). */
public record StaffLogin(String name, String username, String role) {

    /** Every seeded password is the user name followed by this. */
    public static final String PASSWORD_SUFFIX = "-pass";

    public static final List<StaffLogin> DOCUMENTED = List.of(
            new StaffLogin("Sofia Alvarez", "dr.alvarez", "doctor"),
            new StaffLogin("Tom Baker", "nurse.baker", "nurse"),
            new StaffLogin("Li Chen", "admin.chen", "admin"),
            new StaffLogin("Rosa Diaz", "reception.diaz", "receptionist"));

    public String password() {
        return username + PASSWORD_SUFFIX;
    }

    public static List<StaffLogin> withRole(String role) {
        return DOCUMENTED.stream().filter(login -> login.role.equals(role)).toList();
    }

    /** One line for people: "dr.alvarez (doctor), nurse.baker (nurse), ...". */
    public static String summary() {
        return DOCUMENTED.stream()
                .map(login -> login.username + " (" + login.role + ")")
                .collect(Collectors.joining(", "));
    }

    Role toRole() {
        return Role.valueOf(role.toUpperCase(Locale.ROOT));
    }
}
