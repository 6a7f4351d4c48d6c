package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the edge agent's access log says about the security run: the peer addresses it saw, whether
 * any of the attacker's posts sent after the block was forwarded to a target group (past the load
 * balancer, towards the node agents and HOSP), and whether any staff request met the block rule.
 *
 * @param lines access log lines read
 * @param staffPeers distinct client addresses of requests that were not the attacker's
 * @param attackerLogged attacker posts after the block found in the log (by X-Request-Id)
 * @param attackerForwardedAfterBlock of those, forwarded to a target group (must be 0)
 * @param attackerBlockedAfterBlock of those, answered by the block rule
 * @param staffOnBlockRule requests from other addresses the block rule answered (must be 0)
 */
record SecurityAccessLog(
        long lines,
        Set<String> staffPeers,
        long attackerLogged,
        long attackerForwardedAfterBlock,
        long attackerBlockedAfterBlock,
        long staffOnBlockRule) {

    private static final ObjectMapper JSON = new ObjectMapper();

    SecurityAccessLog {
        staffPeers = Set.copyOf(staffPeers);
    }

    /**
     * Reads {@code file}: {@code attacker} is the attacker's address, {@code afterIds} its posts sent
     * after the block, {@code blockRoute} the block rule's name (the access log's route).
     */
    static SecurityAccessLog read(Path file, String attacker, Set<String> afterIds, String blockRoute)
            throws IOException {
        requireNonNull(file, "file");
        requireNonNull(attacker, "attacker");
        requireNonNull(afterIds, "afterIds");
        long lines = 0;
        Set<String> staffPeers = new TreeSet<>();
        long logged = 0;
        long forwarded = 0;
        long blocked = 0;
        long staffBlocked = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                JsonNode entry = JSON.readTree(line);
                String client = entry.path("clientAddress").asText();
                String route = entry.path("route").asText();
                if (!client.equals(attacker)) {
                    staffPeers.add(client);
                    if (route.equals(blockRoute)) {
                        staffBlocked++;
                    }
                    continue;
                }
                if (!afterIds.contains(entry.path("requestId").asText())) {
                    continue;
                }
                logged++;
                String group = entry.path("targetGroup").asText("-");
                if (!"-".equals(group) || entry.path("attempts").asInt() > 0) {
                    forwarded++;
                }
                if (route.equals(blockRoute)) {
                    blocked++;
                }
            }
        }
        return new SecurityAccessLog(lines, staffPeers, logged, forwarded, blocked, staffBlocked);
    }
}
