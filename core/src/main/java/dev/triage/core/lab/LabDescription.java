package dev.triage.core.lab;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.core.domain.CoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file {@code triage-lab up --describe FILE} writes: the load balancer's address and every
 * agent's traffic and admin endpoints with its admin token.
 */
public record LabDescription(String loadBalancer, List<Agent> agents) {

    public static final String EDGE_ROLE = "edge";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public LabDescription {
        requireNonNull(loadBalancer, "loadBalancer");
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /** One agent of the lab. */
    public record Agent(String name, String role, String traffic, String admin, String token) {
        public Agent {
            requireNonNull(name, "name");
            requireNonNull(role, "role");
            requireNonNull(admin, "admin");
            requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Agent[name=" + name + ", role=" + role + ", traffic=" + traffic + ", admin=" + admin + "]";
        }
    }

    /** Reads a describe file; Invalid when it cannot be read or has no edge agent. */
    public static LabDescription read(Path file) {
        requireNonNull(file, "file");
        LabDescription description;
        try {
            description = JSON.readValue(file.toFile(), LabDescription.class);
        } catch (IOException | RuntimeException e) {
            throw new CoreException.Invalid(
                    "lab description " + file,
                    List.of("file: " + e.getMessage() + " (expected: the JSON that "
                            + "triage-lab up --describe writes)"),
                    e);
        }
        description.edge();
        return description;
    }

    /** The edge agent: the lab's load balancer. Invalid when there is none. */
    public Agent edge() {
        return agents.stream()
                .filter(agent -> EDGE_ROLE.equals(agent.role()))
                .findFirst()
                .orElseThrow(() -> new CoreException.Invalid(
                        "lab description", List.of("agents: no agent with role edge (expected: exactly one)")));
    }
}
