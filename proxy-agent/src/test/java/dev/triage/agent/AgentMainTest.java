package dev.triage.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.admin.AdminToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentMainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine command = AgentMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void validateAcceptsTheHospExample() {
        Path example = Path.of("..", "docs", "examples", "hosp-agent.json");

        int exit = execute("validate", "--config", example.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("valid: ");
    }

    @Test
    void validateListsEveryProblemAndExits2() throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, """
                {"version": "bad-1",
                 "listeners": [{"name": "main", "port": 70000,
                   "defaultAction": {"type": "forward", "forward": {"targetGroups": [{"name": "nowhere", "weight": 1200}]}}}],
                 "targetGroups": []}
                """);

        int exit = execute("validate", "--config", config.toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_INVALID_CONFIG);
        String[] lines = err.toString().strip().split("\\R");
        assertThat(lines.length).isGreaterThanOrEqualTo(2);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("\\S+: .* \\(expected: .*\\)"));
        assertThat(err.toString()).contains("70000").contains("1200");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validateReportsAMissingFile() {
        int exit = execute("validate", "--config", dir.resolve("absent.json").toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_INVALID_CONFIG);
        assertThat(err.toString()).contains("absent.json").contains("expected: a readable file");
    }

    @Test
    void runRefusesAnInvalidConfigWithExit2() throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"version\": \"x\", \"listeners\": 3}");

        int exit = execute("run", "--config", config.toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_INVALID_CONFIG);
        assertThat(err.toString()).contains("listeners");
    }

    @Test
    void runRefusesToStartWithoutAnAdminToken() {
        Assumptions.assumeTrue(
                System.getenv(AdminToken.ENVIRONMENT_VARIABLE) == null, "the test environment sets the token");
        Path example = Path.of("..", "docs", "examples", "hosp-agent.json");

        int exit = execute("run", "--config", example.toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_NO_TOKEN);
        assertThat(err.toString())
                .contains("admin token: none")
                .contains("--token-file")
                .contains(AdminToken.ENVIRONMENT_VARIABLE);
    }

    @Test
    void runRefusesAnEmptyTokenFile() throws Exception {
        Path example = Path.of("..", "docs", "examples", "hosp-agent.json");
        Path token = dir.resolve("token");
        Files.writeString(token, "  \n");

        int exit = execute("run", "--config", example.toString(), "--token-file", token.toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_NO_TOKEN);
        assertThat(err.toString()).contains("token-file").contains("empty");
    }

    @Test
    void runRefusesAMissingTokenFile() {
        Path example = Path.of("..", "docs", "examples", "hosp-agent.json");

        int exit = execute(
                "run",
                "--config",
                example.toString(),
                "--token-file",
                dir.resolve("absent").toString());

        assertThat(exit).isEqualTo(AgentMain.EXIT_NO_TOKEN);
        assertThat(err.toString()).contains("absent").contains("expected: a readable file");
    }

    @Test
    void runExitsWithAClearMessageWhenTheAdminPortIsTaken() throws Exception {
        int listenerPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listenerPort = probe.getLocalPort();
        }
        Path config = dir.resolve("agent.json");
        Files.writeString(config, """
                {"version": "busy-1",
                 "listeners": [{"name": "main", "bindAddress": "127.0.0.1", "port": %d,
                   "defaultAction": {"type": "fixed-response", "fixedResponse": {"statusCode": 204}}}]}
                """.formatted(listenerPort));
        Path token = dir.resolve("token");
        Files.writeString(token, "t0ken\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = execute(
                    "run",
                    "--config",
                    config.toString(),
                    "--token-file",
                    token.toString(),
                    "--admin-port",
                    String.valueOf(taken.getLocalPort()));

            assertThat(exit).isEqualTo(AgentMain.EXIT_CANNOT_START);
            assertThat(err.toString()).contains("admin: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void printsAVersion() {
        int exit = execute("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("triage-agent ");
    }
}
