package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.core.domain.CoreException;
import dev.triage.core.files.AtomicFiles;
import dev.triage.core.security.CdnHeaderRequirement.InPlace;
import dev.triage.core.security.CdnHeaderRequirement.RecordStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The "require the CDN header" remediations still (partly) in place, as one small JSON object beside the audit journal:
 * per requirement the listener, the header's name, its status (APPLYING while an apply is under way or was interrupted;
 * IN_PLACE, the default for records written before there was a status), the plan id and journal entry of its load
 * balancer part, per agent the routes planned (while APPLYING) and the routes it gated. Never a header value. Written atomically (a temp file forced to disk, then renamed over it, mode
 * 0600 where the file system has POSIX permissions), always as read-modify-write: a file that cannot be read is never
 * written over, so nothing it holds is lost.
 */
final class RequirementStateFile {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** One lock for every instance: the security and traffic screens each hold one over the same file. */
    private static final Object LOCK = new Object();

    private final Path file;

    RequirementStateFile(Path file) {
        this.file = requireNonNull(file, "file");
    }

    Path file() {
        return file;
    }

    /** Every requirement recorded, oldest first; Invalid naming the file when it cannot be read. */
    List<InPlace> read() {
        synchronized (LOCK) {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw invalid("could not read it: " + e.getMessage(), e);
            }
            return fromJson(text);
        }
    }

    /** Reads, changes and writes the records under one lock; the file stays as it was when any step fails. */
    List<InPlace> update(UnaryOperator<List<InPlace>> change) {
        synchronized (LOCK) {
            List<InPlace> changed = List.copyOf(change.apply(read()));
            write(changed);
            return changed;
        }
    }

    private void write(List<InPlace> records) {
        byte[] bytes = toJson(records).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.replace(file, bytes);
        } catch (IOException e) {
            throw new CoreException.Invalid(
                    "require header state " + file, List.of("could not write it: " + e.getMessage()), e);
        }
    }

    static String toJson(List<InPlace> records) {
        ObjectNode json = JSON.createObjectNode();
        json.put("version", 2);
        ArrayNode array = json.putArray("requirements");
        for (InPlace r : records) {
            ObjectNode one = array.addObject();
            one.put("id", r.id());
            one.put("listener", r.listenerArn());
            one.put("header", r.headerName());
            if (r.loadBalancerEntryId() == null) {
                one.putNull("loadBalancerEntry");
            } else {
                one.put("loadBalancerEntry", r.loadBalancerEntryId());
            }
            ObjectNode gated = one.putObject("gated");
            r.gated().forEach((agent, routes) -> routes.forEach(gated.putArray(agent)::add));
            one.put("updated", r.updated().toString());
            one.put("status", r.status().name());
            if (r.loadBalancerPlanId() != null) {
                one.put("loadBalancerPlan", r.loadBalancerPlanId());
            }
            if (r.applying()) {
                ObjectNode planned = one.putObject("planned");
                r.planned().forEach((agent, routes) -> routes.forEach(planned.putArray(agent)::add));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the require header state", e);
        }
    }

    private List<InPlace> fromJson(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("not JSON (torn or edited?): " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject() || !json.path("requirements").isArray()) {
            throw invalid("not an object with a \"requirements\" array", null);
        }
        List<InPlace> out = new ArrayList<>();
        int i = 0;
        for (JsonNode one : json.get("requirements")) {
            String at = "requirements[" + i++ + "]";
            try {
                JsonNode lb = one.get("loadBalancerEntry");
                JsonNode plan = one.get("loadBalancerPlan");
                // Records written before the write-ahead record have no status: they are in place.
                RecordStatus status =
                        one.hasNonNull("status") ? RecordStatus.valueOf(text(one, "status")) : RecordStatus.IN_PLACE;
                out.add(new InPlace(
                        text(one, "id"),
                        text(one, "listener"),
                        text(one, "header"),
                        lb == null || lb.isNull() ? null : lb.asText(),
                        routes(one, "gated", true),
                        Instant.parse(text(one, "updated")),
                        status,
                        plan == null || plan.isNull() ? null : plan.asText(),
                        routes(one, "planned", false)));
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw invalid(at + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Map<String, Set<String>> routes(JsonNode json, String field, boolean required) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        JsonNode agents = json.get(field);
        if (agents == null && !required) {
            return out;
        }
        if (agents == null || !agents.isObject()) {
            throw new IllegalArgumentException(field + ": " + agents + " (expected: an object)");
        }
        agents.properties().forEach(e -> {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException(
                        field + "." + e.getKey() + ": " + e.getValue() + " (expected: an array of routes)");
            }
            Set<String> routes = new LinkedHashSet<>();
            e.getValue().forEach(n -> routes.add(n.asText()));
            out.put(e.getKey(), routes);
        });
        return out;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + ": " + node + " (expected: a string)");
        }
        return node.textValue();
    }

    private CoreException.Invalid invalid(String problem, Throwable cause) {
        return new CoreException.Invalid(
                "require header state " + file,
                List.of(problem, "nothing was changed; fix or move the file, then try again"),
                cause);
    }
}
