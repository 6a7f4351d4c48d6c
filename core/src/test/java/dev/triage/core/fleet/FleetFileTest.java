package dev.triage.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.CoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that lists agents in front of real services. */
class FleetFileTest {

    @TempDir
    Path dir;

    @Test
    void readsAgentsWithTokensInlineOrInFilesBesideTheList() throws IOException {
        Files.writeString(dir.resolve("edge-a.token"), "edge-secret\n");
        Path list = dir.resolve("agents.json");
        Files.writeString(list, """
                {"agents": [
                  {"name": "edge-a", "role": "edge", "admin": "https://10.0.1.5:9901", "tokenFile": "edge-a.token"},
                  {"name": "node-1", "role": "node", "admin": "http://127.0.0.1:9921", "token": "node-secret"}]}
                """);

        List<FleetAgent> agents = FleetFile.read(list);

        assertThat(agents).extracting(FleetAgent::name).containsExactly("edge-a", "node-1");
        assertThat(agents.getFirst().adminAddress()).isEqualTo("10.0.1.5:9901");
        assertThat(agents.getFirst().endpoint())
                .isEqualTo(new dev.triage.agent.client.AgentEndpoint(
                        "edge-a", java.net.URI.create("https://10.0.1.5:9901"), "edge-secret"));
        assertThat(agents.getFirst().endpoint().toString()).doesNotContain("edge-secret");
    }

    @Test
    void listsEveryProblemAtOnce() throws IOException {
        Path list = dir.resolve("agents.json");
        Files.writeString(list, """
                {"agents": [
                  {"name": "a", "role": "edge", "admin": "http://127.0.0.1:1"},
                  {"name": "b", "admin": "http://127.0.0.1:2", "token": "t"},
                  {"name": "c", "role": "node", "admin": "ftp://127.0.0.1:3", "token": "t"}]}
                """);

        assertThatThrownBy(() -> FleetFile.read(list))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("agents[0]").contains("token"))
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("agents[1]").contains("role"))
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("agents[2]").contains("adminUri")));
    }
}
