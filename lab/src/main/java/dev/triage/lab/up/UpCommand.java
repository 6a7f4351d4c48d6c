package dev.triage.lab.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.triage.lab.bench.LiveTraffic;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.StaffLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triage-lab up}: the whole production situation, locally, until Ctrl-C or SIGTERM. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start HOSP, the replacement, two node agents, an edge agent as the load balancer, and"
                + " staff traffic with an occasional attacker; stop with Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    static final List<Map<String, String>> STAFF = StaffLogin.DOCUMENTED.stream()
            .map(login -> Map.of("username", login.username(), "password", login.password(), "role", login.role()))
            .toList();

    @Option(names = "--lb-port", defaultValue = "8080", description = "the load balancer's port (default: 8080)")
    int loadBalancerPort;

    @Option(
            names = "--port-base",
            defaultValue = "9000",
            description = "HOSP on this port, the replacement on +1, node agents on +10 and +11 (default: 9000)")
    int portBase;

    @Option(names = "--time-scale", defaultValue = "1", description = "multiplies every duration (default: 1)")
    double timeScale;

    @Option(names = "--seed", defaultValue = "42", description = "seed of data, faults and traffic (default: 42)")
    long seed;

    @Option(names = "--rate", defaultValue = "4", description = "staff requests per second (default: 4)")
    double rate;

    @Option(names = "--no-traffic", description = "start quiet: no staff traffic, no attacker")
    boolean noTraffic;

    @Option(names = "--describe", description = "write every endpoint and the staff logins as JSON to this file")
    Path describe;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LabTopology lab = LabTopology.start(new LabTopology.Options(
                        loadBalancerPort, portBase, timeScale, seed, FailureProfile.defaults()));
                LiveTraffic traffic =
                        noTraffic ? null : LiveTraffic.start(lab.loadBalancer(), rate, Duration.ofSeconds(30), seed)) {
            if (describe != null) {
                writeDescription(lab, describe);
            }
            System.out.printf(
                    "lab up: load balancer %s, HOSP %s, replacement %s, agents %s%s%n",
                    lab.loadBalancer(),
                    lab.hosp().baseUri(),
                    lab.replacement().baseUri(),
                    lab.agents().stream().map(a -> a.name() + "=" + a.traffic()).toList(),
                    noTraffic ? " (no traffic)" : ", staff traffic at " + rate + "/s with an attacker every 30 s");
            if (describe != null) {
                System.out.println("described in " + describe);
            }
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    static void writeDescription(LabTopology lab, Path file) throws java.io.IOException {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("loadBalancer", lab.loadBalancer().toString());
        List<Map<String, Object>> agents = new ArrayList<>();
        for (LabTopology.LabAgent agent : lab.agents()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", agent.name());
            entry.put("role", agent.role());
            entry.put("traffic", agent.traffic().toString());
            entry.put("admin", null); // the admin API arrives with the agent control plane
            entry.put("token", null);
            agents.add(entry);
        }
        description.put("agents", agents);
        description.put("hosp", lab.hosp().baseUri().toString());
        description.put("replacement", lab.replacement().baseUri().toString());
        description.put("staff", STAFF);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                file,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(description) + "\n");
    }
}
