package dev.triage.agent;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.InvalidConfigException;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.server.AgentServer;
import dev.triage.agent.state.ConfigStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The agent's command line: {@code run --config FILE} and {@code validate --config FILE}. An invalid
 * config exits with {@link #EXIT_INVALID_CONFIG} and every problem on its own line. {@code run} also
 * starts the admin listener, and refuses to start at all ({@link #EXIT_NO_TOKEN}) without an admin
 * token.
 */
@Command(
        name = "triage-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Triage proxy agent: retries, caches and gates traffic to a flaky HTTP upstream.",
        subcommands = {AgentMain.Run.class, AgentMain.Validate.class})
public final class AgentMain implements Runnable {

    public static final int EXIT_INVALID_CONFIG = 2;
    public static final int EXIT_NO_TOKEN = 2;
    public static final int EXIT_CANNOT_START = 1;

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

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run the agent on a config file, with its admin listener.")
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent config (JSON).")
        Path config;

        @Option(
                names = "--admin-port",
                defaultValue = "9901",
                paramLabel = "PORT",
                description = "Port of the admin listener (0: any free port). Default: ${DEFAULT-VALUE}.")
        int adminPort;

        @Option(
                names = "--admin-address",
                defaultValue = "127.0.0.1",
                paramLabel = "ADDRESS",
                description = "Address the admin listener binds. Default: ${DEFAULT-VALUE}.")
        String adminAddress;

        @Option(
                names = "--token-file",
                paramLabel = "FILE",
                description = "File holding the admin bearer token (else the environment variable "
                        + AdminToken.ENVIRONMENT_VARIABLE + "). Required one way or the other.")
        Path tokenFile;

        @Option(
                names = "--state-dir",
                paramLabel = "DIR",
                description = "Directory where pushed configs persist (config.json, config.previous.json); "
                        + "the agent boots from DIR/config.json when it is there and valid.")
        Path stateDir;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConfigStore store = stateDir == null ? null : ConfigStore.open(stateDir);
            Optional<AgentConfig> stored = store == null ? Optional.empty() : store.current();
            AgentConfig loaded = stored.isPresent() ? stored.get() : load(config, err);
            if (loaded == null) {
                return EXIT_INVALID_CONFIG;
            }
            AdminToken token = token(err);
            if (token == null) {
                return EXIT_NO_TOKEN;
            }
            InetSocketAddress adminSocket;
            try {
                adminSocket = new InetSocketAddress(InetAddress.getByName(adminAddress), adminPort);
            } catch (IOException | IllegalArgumentException e) {
                err.println("admin-address: " + adminAddress + ":" + adminPort
                        + " (expected: an address of this machine and a port 0..65535)");
                err.flush();
                return EXIT_INVALID_CONFIG;
            }
            AgentServer server = AgentServer.start(loaded);
            AdminServer admin;
            try {
                admin = AdminServer.start(server, adminSocket, token, store);
            } catch (IOException | RuntimeException e) {
                server.close();
                err.println(e.getMessage());
                err.flush();
                return EXIT_CANNOT_START;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                admin.close();
                                server.close();
                                stopped.countDown();
                            },
                            "triage-agent-shutdown"));
            out.println("triage agent running config " + loaded.version()
                    + (stored.isPresent() ? " (from " + store.directory().resolve(ConfigStore.CURRENT) + ")" : ""));
            for (Listener listener : loaded.listeners()) {
                out.println("  listener " + listener.name() + " on http://" + listener.bindAddress() + ":"
                        + server.port(listener.name()));
            }
            out.println("  admin on http://" + adminAddress + ":" + admin.port());
            out.flush();
            stopped.await();
            return 0;
        }

        /** The admin token from the file or the environment; null (with a message) when there is none. */
        private AdminToken token(PrintWriter err) {
            try {
                if (tokenFile != null) {
                    return AdminToken.fromFile(tokenFile);
                }
                String fromEnvironment = System.getenv(AdminToken.ENVIRONMENT_VARIABLE);
                if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                    return AdminToken.of(fromEnvironment);
                }
                err.println("admin token: none (expected: --token-file FILE or the environment variable "
                        + AdminToken.ENVIRONMENT_VARIABLE + "; the agent does not run without an admin token)");
            } catch (IOException e) {
                err.println("token-file: " + tokenFile + " (expected: a readable file holding the admin token; "
                        + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
            }
            err.flush();
            return null;
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
