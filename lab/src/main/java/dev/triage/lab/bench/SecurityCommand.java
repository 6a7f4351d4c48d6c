package dev.triage.lab.bench;

import dev.triage.lab.hosp.FailureProfile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench security}: runs {@link SecurityBench}, prints its table and writes its JSON. */
@Command(
        name = "security",
        mixinStandardHelpOptions = true,
        description = "Starts the lab with staff traffic from 127.0.0.10..29, lets an attacker on 127.0.0.66 post notes"
                + " without credentials, waits for the edge's security alert, blocks the attacker as the console's"
                + " one click does, and reports the alert delay, the attacker's requests before and after the"
                + " block, and staff success over the same minutes.")
public final class SecurityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--seconds",
            defaultValue = "" + SecurityBench.Options.DEFAULT_SECONDS,
            description = "The attack window, from the attacker's first post (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(
            names = "--rate",
            defaultValue = "" + SecurityBench.Options.DEFAULT_STAFF_PER_SECOND,
            description = "Staff requests per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(
            names = "--attacker-rate",
            defaultValue = "" + SecurityBench.Options.DEFAULT_ATTACKER_PER_SECOND,
            description = "The attacker's note posts per second (default: ${DEFAULT-VALUE}).")
    private double attackerRate;

    @Option(
            names = "--attacker",
            defaultValue = LiveTraffic.Sources.ATTACKER,
            description = "The attacker's source address, on loopback (default: ${DEFAULT-VALUE}).")
    private String attackerAddress;

    @Option(
            names = "--reaction-seconds",
            defaultValue = "5",
            description = "The operator's time from the alert to the click (default: ${DEFAULT-VALUE}).")
    private double reactionSeconds;

    @Option(names = "--time-scale", defaultValue = "1", description = "Multiplies every duration (default: 1).")
    private double timeScale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data, faults and traffic (default: 42).")
    private long seed;

    @Option(
            names = "--profile",
            defaultValue = "default",
            description = "HOSP's failure profile: default (flaky, as in production), none, or a JSON file"
                    + " (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(
            names = "--lb-port",
            defaultValue = "" + SecurityBench.Options.DEFAULT_LB_PORT,
            description = "The edge agent's port (default: ${DEFAULT-VALUE}).")
    private int loadBalancerPort;

    @Option(
            names = "--port-base",
            defaultValue = "" + SecurityBench.Options.DEFAULT_PORT_BASE,
            description = "HOSP's port; the other parts on +1..+22 as in `up` (default: ${DEFAULT-VALUE}).")
    private int portBase;

    @Mixin
    private BenchOutput output;

    @Override
    public Integer call() throws Exception {
        SecurityBench.Options options;
        try {
            InetAddress attacker = address(attackerAddress);
            if (!LiveTraffic.Sources.bindable(attacker)
                    || !LiveTraffic.Sources.bindable(LiveTraffic.Sources.loopback(LiveTraffic.Sources.FIRST_DESK))) {
                throw new IllegalArgumentException("sources: cannot bind " + attacker.getHostAddress() + " or 127.0.0."
                        + LiveTraffic.Sources.FIRST_DESK + " here (expected: loopback addresses this machine routes"
                        + " to lo, as Linux does for all of 127.0.0.0/8)");
            }
            options = new SecurityBench.Options(
                    seconds,
                    rate,
                    attackerRate,
                    timeScale,
                    seed,
                    Duration.ofMillis(Math.round(reactionSeconds * 1000)),
                    failureProfile(profile),
                    profile.equals("default") ? "hosp-default" : profile,
                    loadBalancerPort,
                    portBase,
                    SecurityBench.labSources(attacker),
                    Duration.ofSeconds(Math.max(10, Math.round(120 * Math.min(1, timeScale)))));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SecurityReport report = SecurityBench.run(options);
        output.print(spec, report.table(), report::writeJson);
        return report.meetsTarget() ? 0 : 1;
    }

    private static FailureProfile failureProfile(String name) {
        return switch (name) {
            case "default" -> FailureProfile.defaults();
            case "none" -> FailureProfile.none();
            default -> FailureProfile.load(Path.of(name));
        };
    }

    private static InetAddress address(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("--attacker: " + literal + " (expected: a loopback address)");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--attacker: " + literal + " (expected: an IP address)", e);
        }
    }
}
