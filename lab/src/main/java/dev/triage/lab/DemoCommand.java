package dev.triage.lab;

import dev.triage.agent.server.AgentServer;
import dev.triage.lab.agent.HospAgentConfig;
import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.hosp.HospOptions;
import dev.triage.lab.hosp.HospSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job until the console exists: HOSP with an agent in front, at real time. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the flaky HOSP simulator with a Triage agent in front, and print where to send requests.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--agent-port", defaultValue = "8080", description = "the agent's port (default: 8080)")
    int agentPort;

    @Option(names = "--hosp-port", defaultValue = "9000", description = "the simulator's port (default: 9000)")
    int hospPort;

    @Option(names = "--time-scale", defaultValue = "1", description = "multiplies every duration (default: 1)")
    double timeScale;

    @Override
    public Integer call() throws Exception {
        HospOptions options = HospOptions.defaults()
                .withPort(hospPort)
                .withProfile(FailureProfile.defaults())
                .withTimeScale(timeScale);
        try (HospSimulator simulator = HospSimulator.start(options);
                AgentServer agent = AgentServer.start(
                        HospAgentConfig.forLab("127.0.0.1", simulator.port(), "127.0.0.1", agentPort, timeScale))) {
            int port = agent.port(agent.config().listeners().getFirst().name());
            System.out.printf(
                    """
                    HOSP simulator (flaky, profile %s): %s
                    Triage agent in front of it:        http://127.0.0.1:%d
                    %s

                    Try:
                      curl -u dr.alvarez:dr.alvarez-pass -i http://127.0.0.1:%d/patients/1
                      curl -u dr.alvarez:dr.alvarez-pass -i http://127.0.0.1:%d/patients/1/notes \\
                           -H 'Content-Type: application/json' -d '{"text":"Ate well today."}'
                      curl http://127.0.0.1:%d/metrics
                    The same requests straight to %s fail now and then, and take 2 to 20 s.
                    Ctrl-C stops both.
                    """,
                    options.profile().name(),
                    simulator.baseUri(),
                    port,
                    Demo.LOGINS,
                    port,
                    port,
                    port,
                    simulator.baseUri());
            HospCommand.awaitInterrupt();
        }
        return 0;
    }
}
