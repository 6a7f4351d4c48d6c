package dev.triage.lab;

import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.HospOptions;
import dev.triage.lab.hosp.HospSimulator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "hosp",
        mixinStandardHelpOptions = true,
        description = "Run the HOSP simulator alone until interrupted.")
final class HospCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9000", description = "port (default: ${DEFAULT-VALUE}; 0: any free)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--profile", description = "failure profile JSON (default: the built-in HOSP profile)")
    Path profile;

    @Option(names = "--no-faults", description = "serve without failures (the replacement service's behaviour)")
    boolean noFaults;

    @Option(names = "--time-scale", defaultValue = "1", description = "multiplies every duration (default: 1)")
    double timeScale;

    @Option(names = "--seed", defaultValue = "42", description = "seed of data and faults (default: 42)")
    long seed;

    @Override
    public Integer call() throws Exception {
        FailureProfile failures = noFaults
                ? FailureProfile.none()
                : profile == null ? FailureProfile.defaults() : FailureProfile.load(profile);
        HospOptions options = HospOptions.defaults()
                .withHost(host)
                .withPort(port)
                .withProfile(failures)
                .withTimeScale(timeScale)
                .withSeed(seed);
        try (HospSimulator simulator = HospSimulator.start(options)) {
            System.out.printf("HOSP simulator (profile %s) on %s%n", failures.name(), simulator.baseUri());
            System.out.println(Demo.LOGINS);
            awaitInterrupt();
        }
        return 0;
    }

    static void awaitInterrupt() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "lab-shutdown"));
        stopped.await();
    }
}
