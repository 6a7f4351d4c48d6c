package dev.triage.lab.bench;

import dev.triage.lab.hosp.FailureProfile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "reliability",
        mixinStandardHelpOptions = true,
        description = "Drive the same seeded staff traffic at the HOSP simulator directly and through an agent;"
                + " print a table and optionally write JSON.")
public final class ReliabilityCommand implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "3000", description = "requests per run (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of traffic and faults (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--time-scale",
            defaultValue = "0.01",
            description = "multiplies every duration; 0.01 turns 2-20 s into 20-200 ms (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--profile", description = "failure profile JSON (default: the built-in HOSP profile)")
    Path profile;

    @Option(names = "--access-log", description = "write the agent's JSON-lines access log to this file")
    Path accessLog;

    @Option(names = "--json", description = "write the report as JSON to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
        FailureProfile failureProfile = profile == null ? FailureProfile.defaults() : FailureProfile.load(profile);
        ReliabilityReport report = ReliabilityBench.run(
                new ReliabilityBench.Options(requests, seed, timeScale, concurrency, failureProfile, accessLog));
        System.out.print(report.table());
        if (json != null) {
            report.writeJson(json);
            System.out.println("\nwrote " + json);
        }
        return 0;
    }
}
