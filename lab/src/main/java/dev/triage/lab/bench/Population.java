package dev.triage.lab.bench;

import dev.triage.lab.hosp.StaffLogin;
import java.util.List;

/** The simulator's seeded data and logins (docs/hosp-simulator.md), as the traffic plan needs them. */
final class Population {

    static final TrafficPlan.Population HOSP_SEED =
            new TrafficPlan.Population(300, 5, 40, logins("doctor", "nurse"), logins("admin"));

    private Population() {}

    private static List<TrafficPlan.Login> logins(String... roles) {
        return List.of(roles).stream()
                .flatMap(role -> StaffLogin.withRole(role).stream())
                .map(login -> new TrafficPlan.Login(login.username(), login.password()))
                .toList();
    }
}
