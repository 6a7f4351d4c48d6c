package dev.triage.core.fleet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.domain.CoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file that lists agents, for a fleet in front of real services (the lab's describe file has the same
 * shape and reads too):
 *
 * <pre>{@code
 * {"agents": [
 *   {"name": "edge-a", "role": "edge", "admin": "https://10.0.1.5:9901", "tokenFile": "edge-a.token"},
 *   {"name": "node-1", "role": "node", "admin": "http://127.0.0.1:9921", "token": "..."}]}
 * }</pre>
 *
 * A {@code tokenFile} is read whole, surrounding white space removed, relative to the listing's folder;
 * other fields are ignored.
 */
public final class FleetFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetFile() {}

    /** Every agent the file lists, in its order. Invalid (every problem listed) when it cannot be used. */
    public static List<FleetAgent> read(Path file) {
        requireNonNull(file, "file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw invalid(file, List.of("file: " + e.getMessage() + " (expected: readable JSON)"), e);
        }
        JsonNode list = root == null ? null : root.get("agents");
        if (list == null || !list.isArray()) {
            throw invalid(file, List.of("agents: absent (expected: an array of agents)"), null);
        }
        List<FleetAgent> agents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String at = "agents[" + i + "]";
            String name = entry.path("name").asText("");
            String role = entry.path("role").asText("");
            String admin = entry.path("admin").asText("");
            if (name.isBlank() || role.isBlank() || admin.isBlank()) {
                problems.add(at + ": " + entry + " (expected: name, role and admin)");
                continue;
            }
            try {
                String token = token(file, entry, at);
                agents.add(new FleetAgent(role, new AgentEndpoint(name, URI.create(admin), token)));
            } catch (IllegalArgumentException | IOException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(file, problems, null);
        }
        return List.copyOf(agents);
    }

    private static String token(Path file, JsonNode entry, String at) throws IOException {
        if (entry.hasNonNull("token")) {
            return entry.get("token").asText();
        }
        if (entry.hasNonNull("tokenFile")) {
            Path parent = file.toAbsolutePath().getParent();
            Path tokenFile = parent.resolve(entry.get("tokenFile").asText());
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new IOException("tokenFile: " + tokenFile + " cannot be read (" + e + ")", e);
            }
        }
        throw new IllegalArgumentException("token: absent (expected: token or tokenFile)");
    }

    private static CoreException invalid(Path file, List<String> problems, Throwable cause) {
        return new CoreException.Invalid("agent list " + file, problems, cause);
    }
}
