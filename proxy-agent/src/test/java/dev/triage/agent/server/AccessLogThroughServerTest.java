package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.RoutePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogThroughServerTest {

    @TempDir
    Path dir;

    @Test
    void logsEveryClientRequestWithoutSecretHeaderValues() throws Exception {
        Path log = dir.resolve("access.jsonl");
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(Configs.forward(
                        "log-1", upstream.port(), RoutePolicy.NONE, 1_000, new AccessLog(true, log.toString())))) {
            int port = agent.port(Configs.LISTENER);

            Http.get(
                    port,
                    "/patients/7?full=1",
                    "Authorization",
                    "Basic c2VjcmV0LXVzZXI6aHVudGVyMg==",
                    "X-Request-Id",
                    "log-rid");
            Http.send(port, "POST", "/notes", "{}", "Cookie", "session=top-secret");

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(log) && Files.readAllLines(log).size() == 2);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines.getFirst())
                    .contains("\"requestId\":\"log-rid\"")
                    .contains("\"method\":\"GET\"")
                    .contains("\"path\":\"/patients/7\"")
                    .contains("\"query\":\"full=1\"")
                    .contains("\"status\":200")
                    .contains("\"route\":\"api\"")
                    .contains("\"targetGroup\":\"upstream\"")
                    .contains("\"attempts\":1")
                    .contains("\"cache\":\"-\"")
                    .contains("\"outcome\":\"upstream\"")
                    .contains("\"clientAddress\":\"127.0.0.1\"");
            assertThat(String.join("\n", lines))
                    .doesNotContain("c2VjcmV0LXVzZXI6aHVudGVyMg==")
                    .doesNotContain("top-secret");
        }
    }
}
