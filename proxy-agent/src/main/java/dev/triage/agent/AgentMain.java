package dev.triage.agent;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.InvalidConfigException;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The agent's command line: {@code run --config FILE} and {@code validate --config FILE}. An invalid
 * config exits with {@link #EXIT_INVALID_CONFIG} and every problem on its own line.
 */
@Command(
        name = "triage-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Triage proxy agent: retries, caches and gates traffic to a flaky HTTP upstream.",
        subcommands = {AgentMain.Run.class, AgentMain.Validate.class})
public final class AgentMain implements Runnable {

    public static final int EXIT_INVALID_CONFIG = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The command line, for running in-process (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        return new CommandLine(new AgentMain());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads and validates a config; prints every problem and returns null when it is not usable. */
    static AgentConfig load(Path file, PrintWriter err) {
        try {
            return ConfigCodec.read(file);
        } catch (InvalidConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
        } catch (IOException e) {
            err.println("config: " + file + " (expected: a readable file; " + e.getMessage() + ")");
        }
        err.flush();
        return null;
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check a config file and list every problem.")
    static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent config (JSON).")
        Path config;

        @Override
        public Integer call() {
            AgentConfig loaded = load(config, spec.commandLine().getErr());
            if (loaded == null) {
                return EXIT_INVALID_CONFIG;
            }
            spec.commandLine().getOut().println("valid: " + loaded.version());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent on a config file.")
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent config (JSON).")
        Path config;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            AgentConfig loaded = load(config, spec.commandLine().getErr());
            if (loaded == null) {
                return EXIT_INVALID_CONFIG;
            }
            AgentServer server = AgentServer.start(loaded);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                server.close();
                                stopped.countDown();
                            },
                            "triage-agent-shutdown"));
            out.println("triage agent running config " + loaded.version());
            for (Listener listener : loaded.listeners()) {
                out.println("  listener " + listener.name() + " on http://" + listener.bindAddress() + ":"
                        + server.port(listener.name()));
            }
            out.flush();
            stopped.await();
            return 0;
        }
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AgentMain.class.getPackage().getImplementationVersion();
            return new String[] {"triage-agent " + (version == null ? "development" : version)};
        }
    }
}
