package dev.triage.lab.bench;

import java.util.List;

/** The simulator's seeded data and logins (docs/hosp-simulator.md), as the traffic plan needs them. */
final class Population {

    static final TrafficPlan.Population HOSP_SEED = new TrafficPlan.Population(
            300,
            5,
            40,
            List.of(
                    new TrafficPlan.Login("dr.alvarez", "dr.alvarez-pass"),
                    new TrafficPlan.Login("nurse.baker", "nurse.baker-pass")),
            List.of(new TrafficPlan.Login("admin.chen", "admin.chen-pass")));

    private Population() {}
}
