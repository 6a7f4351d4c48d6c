package dev.triage.agent.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.server.AgentServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Every admin request: authentication first (401 before anything else, whatever the path), then the
 * endpoint table. Runs on the admin server's worker threads, never on the traffic listeners' reactors.
 */
final class AdminHandler implements HttpRequestHandler {

    /** Config bodies beyond this are refused with 413. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** Every endpoint, path then method; the 401 test enumerates this table. */
    static final Map<String, List<String>> ENDPOINTS = endpoints();

    private final AgentServer agent;
    private final AdminToken token;
    private final ConfigControl control;
    private final EventHub events;
    private final Duration keepAlive;

    AdminHandler(AgentServer agent, AdminToken token, ConfigControl control, EventHub events, Duration keepAlive) {
        this.agent = requireNonNull(agent, "agent");
        this.token = requireNonNull(token, "token");
        this.control = requireNonNull(control, "control");
        this.events = requireNonNull(events, "events");
        this.keepAlive = requireNonNull(keepAlive, "keepAlive");
    }

    private static Map<String, List<String>> endpoints() {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/admin/status", List.of("GET"));
        endpoints.put("/admin/config", List.of("GET", "PUT"));
        endpoints.put("/admin/config/validate", List.of("POST"));
        endpoints.put("/admin/config/rollback", List.of("POST"));
        endpoints.put("/admin/stats", List.of("GET"));
        endpoints.put("/admin/events", List.of("GET"));
        endpoints.put("/admin/cache/purge", List.of("POST"));
        return Map.copyOf(endpoints);
    }

    @Override
    public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
            throws IOException {
        Reply reply = reply(request);
        response.setCode(reply.status());
        reply.headers().forEach(response::setHeader);
        response.setEntity(reply.entity());
    }

    private Reply reply(ClassicHttpRequest request) throws IOException {
        Header authorization = request.getFirstHeader("Authorization");
        if (!token.acceptsAuthorization(authorization == null ? null : authorization.getValue())) {
            return Reply.json(
                    401, Map.of("WWW-Authenticate", "Bearer realm=\"triage-agent\""), Map.of("error", "unauthorized"));
        }
        String path = path(request.getRequestUri());
        List<String> methods = ENDPOINTS.get(path);
        if (methods == null) {
            return Reply.error(404, "not found");
        }
        String method = request.getMethod();
        if (!methods.contains(method)) {
            return Reply.json(405, Map.of("Allow", String.join(", ", methods)), Map.of("error", "method not allowed"));
        }
        return switch (method + " " + path) {
            case "GET /admin/status" -> Reply.json(200, StatusView.of(agent, control.running()));
            case "GET /admin/config" -> config();
            case "PUT /admin/config" -> put(request);
            case "POST /admin/config/validate" -> body(request, this::validate);
            case "POST /admin/config/rollback" -> outcome(control.rollback());
            case "GET /admin/stats" -> Reply.json(200, agent.stats());
            case "GET /admin/events" ->
                new Reply(200, Map.of("Cache-Control", "no-store"), new EventStream(events.subscribe(), keepAlive));
            case "POST /admin/cache/purge" -> body(request, this::purge);
            default -> throw new IllegalStateException("endpoint without a handler: " + method + " " + path);
        };
    }

    private Reply config() {
        ConfigControl.Versioned running = control.running();
        HttpEntity body = new StringEntity(ConfigCodec.write(running.config()), ContentType.APPLICATION_JSON);
        return new Reply(200, Map.of("ETag", "\"" + running.hash() + "\""), body);
    }

    private Reply put(ClassicHttpRequest request) throws IOException {
        Header ifMatch = request.getFirstHeader("If-Match");
        if (ifMatch == null) {
            return Reply.error(428, "precondition required");
        }
        String expected = unquote(ifMatch.getValue());
        return body(request, body -> outcome(control.put(body, expected)));
    }

    private Reply validate(byte[] body) {
        return outcome(ConfigControl.validate(body));
    }

    private Reply purge(byte[] body) {
        String prefix = null;
        if (body.length > 0) {
            JsonNode tree;
            try {
                tree = Json.tree(body);
            } catch (JsonProcessingException e) {
                return invalid(List.of(new ConfigError("$", e.getOriginalMessage(), "a JSON object")));
            }
            if (tree == null || tree.isMissingNode()) {
                tree = null;
            } else if (!tree.isObject()) {
                return invalid(List.of(new ConfigError("$", tree.toString(), "a JSON object")));
            } else {
                for (var names = tree.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("pathPrefix")) {
                        return invalid(
                                List.of(new ConfigError(name, tree.get(name).toString(), "only pathPrefix")));
                    }
                }
                JsonNode value = tree.get("pathPrefix");
                if (value != null && !value.isNull()) {
                    if (!value.isTextual()) {
                        return invalid(List.of(
                                new ConfigError("pathPrefix", value.toString(), "a string such as \"/patients\"")));
                    }
                    prefix = value.textValue();
                }
            }
        }
        return Reply.json(200, Map.of("purged", agent.purgeCache(prefix)));
    }

    private static Reply outcome(ConfigControl.Outcome outcome) {
        return switch (outcome) {
            case ConfigControl.Applied applied ->
                Reply.json(200, ordered("applied", true, applied.version(), applied.hash()));
            case ConfigControl.Valid valid -> Reply.json(200, ordered("valid", true, valid.version(), valid.hash()));
            case ConfigControl.Invalid invalid -> invalid(invalid.errors());
            case ConfigControl.Conflict conflict ->
                Reply.json(409, ordered2("error", "conflict", "currentHash", conflict.currentHash()));
            case ConfigControl.NoPrevious ignored -> Reply.error(409, "no previous config");
            case ConfigControl.NotPersisted failed ->
                Reply.json(500, ordered2("error", "not persisted", "message", failed.message()));
        };
    }

    private static Reply invalid(List<ConfigError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid");
        body.put("errors", errors);
        return Reply.json(400, body);
    }

    private static Map<String, Object> ordered(String flag, boolean value, String version, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(flag, value);
        body.put("version", version);
        body.put("hash", hash);
        return body;
    }

    private static Map<String, Object> ordered2(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(k1, v1);
        body.put(k2, v2);
        return body;
    }

    private interface BodyEndpoint {
        Reply handle(byte[] body) throws IOException;
    }

    private static Reply body(ClassicHttpRequest request, BodyEndpoint endpoint) throws IOException {
        HttpEntity entity = request.getEntity();
        byte[] body;
        if (entity == null) {
            body = new byte[0];
        } else {
            try (InputStream in = entity.getContent()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                return Reply.json(413, ordered2("error", "too large", "maxBytes", MAX_BODY_BYTES));
            }
        }
        return endpoint.handle(body);
    }

    private static String path(String requestUri) {
        int query = requestUri.indexOf('?');
        return query < 0 ? requestUri : requestUri.substring(0, query);
    }

    /** {@code "abc"}, {@code W/"abc"} and {@code abc} all name hash abc. */
    static String unquote(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
