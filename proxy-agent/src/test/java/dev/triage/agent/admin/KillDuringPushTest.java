package dev.triage.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.AgentMain;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.state.ConfigStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real child process (this test's java and classpath): configs pushed in a loop, kill
 * -9 at varied moments of a push, restart; the config on disk is always valid, is one that was pushed,
 * is no older than the last push answered 200, and the agent boots from it.
 */
class KillDuringPushTest {

    private static final int ROUNDS = 10;
    private static final Pattern ADMIN_LINE = Pattern.compile("admin on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process process;
    private int starts;

    @AfterEach
    void killLeftover() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aKillDuringAPushAlwaysLeavesAValidPushedConfigThatTheAgentBootsFrom() throws Exception {
        int upstream = AdminFixture.refusedPort();
        AgentConfig initial = AdminConfigs.forward("push-0", upstream);
        Path configFile = dir.resolve("initial.json");
        Files.writeString(configFile, ConfigCodec.write(initial));
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, AdminFixture.TOKEN + "\n");
        Path stateDir = dir.resolve("state");
        Map<String, Integer> pushedOrder = new LinkedHashMap<>();
        pushedOrder.put(ConfigCodec.hash(initial), 0);
        int pushed = 0;
        int lastAcknowledged = 0;

        int adminPort = boot(configFile, tokenFile, stateDir);
        for (int round = 0; round < ROUNDS; round++) {
            String running = status(adminPort).get("configHash").toString();
            for (int i = 0; i < round % 3; i++) {
                pushed++;
                AgentConfig next = AdminConfigs.forward("push-" + pushed, upstream);
                pushedOrder.put(ConfigCodec.hash(next), pushed);
                HttpResponse<String> response = put(adminPort, next, running);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                running = ConfigCodec.hash(next);
                lastAcknowledged = pushed;
            }
            pushed++;
            AgentConfig inFlight = AdminConfigs.forward("push-" + pushed, upstream);
            pushedOrder.put(ConfigCodec.hash(inFlight), pushed);
            String ifMatch = running;
            int port = adminPort;
            CompletableFuture<HttpResponse<String>> push = CompletableFuture.supplyAsync(() -> {
                try {
                    return put(port, inFlight, ifMatch);
                } catch (Exception e) {
                    return null;
                }
            });
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos((round * 7919L) % 40_000));

            process.destroyForcibly();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> answered = push.handle((r, e) -> r).get(30, TimeUnit.SECONDS);
            if (answered != null && answered.statusCode() == 200) {
                lastAcknowledged = pushed;
            }

            AgentConfig onDisk = ConfigCodec.read(stateDir.resolve(ConfigStore.CURRENT));
            Integer order = pushedOrder.get(ConfigCodec.hash(onDisk));
            assertThat(order)
                    .as("round %d: %s is one of the pushed configs", round, onDisk.version())
                    .isNotNull();
            assertThat(order)
                    .as("round %d: the disk holds at least the last push answered 200", round)
                    .isGreaterThanOrEqualTo(lastAcknowledged);

            adminPort = boot(configFile, tokenFile, stateDir);
            Map<?, ?> status = status(adminPort);
            assertThat(status.get("configHash")).isEqualTo(ConfigCodec.hash(onDisk));
            assertThat(status.get("configVersion")).isEqualTo(onDisk.version());
            lastAcknowledged = order;
        }
        assertThat(unauthorized(adminPort)).isEqualTo(401);

        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (Stream<Path> files = Files.list(stateDir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(ConfigStore.CURRENT, ConfigStore.PREVIOUS);
        }
        for (int i = 1; i <= starts; i++) {
            String output = Files.readString(dir.resolve("out-" + i + ".txt"), StandardCharsets.UTF_8);
            assertThat(output).as("output of start %d", i).doesNotContain(AdminFixture.TOKEN);
        }
    }

    /** Starts the agent and returns its admin port once it prints it. */
    private int boot(Path configFile, Path tokenFile, Path stateDir) throws Exception {
        starts++;
        Path output = dir.resolve("out-" + starts + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName(),
                "run",
                "--config",
                configFile.toString(),
                "--token-file",
                tokenFile.toString(),
                "--state-dir",
                stateDir.toString(),
                "--admin-port",
                "0"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Process started = process;
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new AssertionError(
                                "agent exited " + started.exitValue() + ": " + Files.readString(output));
                    }
                    Matcher matcher = ADMIN_LINE.matcher(Files.readString(output));
                    if (matcher.find()) {
                        port[0] = Integer.parseInt(matcher.group(1));
                        return true;
                    }
                    return false;
                });
        return port[0];
    }

    private static HttpResponse<String> put(int adminPort, AgentConfig config, String ifMatch) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/config"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + AdminFixture.TOKEN)
                .header("If-Match", "\"" + ifMatch + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(ConfigCodec.write(config)))
                .build();
        return AdminFixture.client().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> status(int adminPort) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/status"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + AdminFixture.TOKEN)
                .build();
        HttpResponse<String> response = AdminFixture.client().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private static int unauthorized(int adminPort) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/config"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer not-" + AdminFixture.TOKEN)
                .build();
        return AdminFixture.client()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
