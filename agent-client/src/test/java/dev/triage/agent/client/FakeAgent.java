package dev.triage.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.InvalidConfigException;
import dev.triage.agent.api.stats.AgentStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin API of issue 3 as the contract states it, over a real socket (JDK HttpServer on
 * 127.0.0.1, ephemeral port): bearer token, ETag/If-Match with 400/409/428, validate, rollback,
 * stats, cache purge, and an event stream the test writes to.
 */
final class FakeAgent implements AutoCloseable {

    static final String TOKEN = "tok-7f3a9c2e51d84b06";
    static final Path EXAMPLE = Path.of("../docs/examples/hosp-agent.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_CLOSE = "\u0000close";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicInteger puts = new AtomicInteger();
    private final TreeSet<String> cached = new TreeSet<>(List.of("/patients/1", "/patients/2", "/wards/7"));
    private final AgentStats stats;
    private volatile PutGate putGate = () -> {};
    private volatile Runnable statusGate = () -> {};
    private volatile String persistenceFailure;
    private volatile int maxBodyBytes = Integer.MAX_VALUE;
    private AgentConfig current;
    private AgentConfig previous;

    /** Runs inside a PUT before it is answered (to hold it, for the concurrency test). */
    interface PutGate {
        void await() throws InterruptedException;
    }

    FakeAgent(AgentConfig initial, AgentStats stats) {
        this.current = initial;
        this.stats = stats;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static AgentConfig exampleConfig() {
        try {
            return ConfigCodec.read(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentConfig withVersion(AgentConfig config, String version) {
        return new AgentConfig(version, config.listeners(), config.targetGroups(), config.cache(), config.accessLog());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    AgentEndpoint endpoint(String name) {
        return new AgentEndpoint(name, uri(), TOKEN);
    }

    synchronized AgentConfig current() {
        return current;
    }

    synchronized String currentHash() {
        return ConfigCodec.hash(current);
    }

    int puts() {
        return puts.get();
    }

    int subscribers() {
        return subscribers.size();
    }

    void holdPuts(PutGate gate) {
        this.putGate = gate;
    }

    /** Later pushes apply, fail to persist, and are undone (500), as with a full disk. */
    void failPersistence(String message) {
        this.persistenceFailure = message;
    }

    /** Bodies above this are refused with 413. */
    void limitBodies(int maxBytes) {
        this.maxBodyBytes = maxBytes;
    }

    void holdStatus(Runnable gate) {
        this.statusGate = gate;
    }

    /** Writes one event (raw lines, without the blank line that ends it) to every open stream. */
    void send(String rawEvent) {
        subscribers.forEach(queue -> queue.add(rawEvent));
    }

    /** Ends every open event stream. */
    void endStreams() {
        subscribers.forEach(queue -> queue.add(EVENT_CLOSE));
    }

    @Override
    public void close() {
        endStreams();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!authorised(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"triage-agent\"");
                json(exchange, 401, Map.of("error", "unauthorized"));
                return;
            }
            switch (path) {
                case "/admin/status" -> only(exchange, "GET", () -> status(exchange));
                case "/admin/config" -> {
                    if (method.equals("GET")) {
                        getConfig(exchange);
                    } else if (method.equals("PUT")) {
                        putConfig(exchange);
                    } else {
                        notAllowed(exchange, "GET, PUT");
                    }
                }
                case "/admin/config/validate" -> only(exchange, "POST", () -> validate(exchange));
                case "/admin/config/rollback" -> only(exchange, "POST", () -> rollback(exchange));
                case "/admin/stats" -> only(exchange, "GET", () -> json(exchange, 200, stats));
                case "/admin/cache/purge" -> only(exchange, "POST", () -> purge(exchange));
                case "/admin/events" -> only(exchange, "GET", () -> events(exchange));
                default -> json(exchange, 404, Map.of("error", "not found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Action {
        void run() throws IOException, InterruptedException;
    }

    private static void only(HttpExchange exchange, String method, Action action)
            throws IOException, InterruptedException {
        if (exchange.getRequestMethod().equals(method)) {
            action.run();
        } else {
            notAllowed(exchange, method);
        }
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        json(exchange, 405, Map.of("error", "method not allowed"));
    }

    private static boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        byte[] expected = ("Bearer " + TOKEN).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        statusGate.run();
        AgentConfig config = current();
        ObjectNode body = JSON.createObjectNode()
                .put("agentVersion", "0.1.0-test")
                .put("uptimeMs", 1234)
                .put("configVersion", config.version())
                .put("configHash", ConfigCodec.hash(config));
        ArrayNode listeners = body.putArray("listeners");
        config.listeners()
                .forEach(listener -> listeners
                        .addObject()
                        .put("name", listener.name())
                        .put("protocol", listener.protocol())
                        .put("address", listener.bindAddress())
                        .put("port", listener.port()));
        ArrayNode groups = body.putArray("targetGroups");
        config.targetGroups().forEach(group -> {
            ObjectNode node = groups.addObject().put("name", group.name()).put("failing", false);
            ArrayNode targets = node.putArray("targets");
            group.targets()
                    .forEach(target -> targets.addObject()
                            .put("target", target.host() + ":" + target.port())
                            .put("healthy", true));
        });
        body.put("someFieldFromANewerAgent", true);
        json(exchange, 200, body);
    }

    private void getConfig(HttpExchange exchange) throws IOException {
        AgentConfig config = current();
        exchange.getResponseHeaders().set("ETag", '"' + ConfigCodec.hash(config) + '"');
        send(exchange, 200, "application/json", ConfigCodec.write(config));
    }

    private void putConfig(HttpExchange exchange) throws IOException, InterruptedException {
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (ifMatch == null) {
            json(exchange, 428, Map.of("error", "precondition required"));
            return;
        }
        if (body.length > maxBodyBytes) {
            json(exchange, 413, Map.of("error", "too large", "maxBytes", maxBodyBytes));
            return;
        }
        AgentConfig proposed;
        try {
            proposed = ConfigCodec.read(new String(body, StandardCharsets.UTF_8));
        } catch (InvalidConfigException e) {
            invalid(exchange, e.errors());
            return;
        }
        puts.incrementAndGet();
        putGate.await();
        String applied;
        synchronized (this) {
            String running = ConfigCodec.hash(current);
            if (!ifMatch.equals('"' + running + '"')) {
                json(exchange, 409, Map.of("error", "conflict", "currentHash", running));
                return;
            }
            if (persistenceFailure != null) {
                json(exchange, 500, Map.of("error", "not persisted", "message", persistenceFailure));
                return;
            }
            previous = current;
            current = proposed;
            applied = ConfigCodec.hash(proposed);
        }
        send("event: config\ndata: {\"version\":\"" + proposed.version() + "\",\"hash\":\"" + applied + "\"}");
        json(exchange, 200, Map.of("applied", true, "version", proposed.version(), "hash", applied));
    }

    private void validate(HttpExchange exchange) throws IOException {
        try {
            AgentConfig config =
                    ConfigCodec.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            json(exchange, 200, Map.of("valid", true, "version", config.version(), "hash", ConfigCodec.hash(config)));
        } catch (InvalidConfigException e) {
            invalid(exchange, e.errors());
        }
    }

    private void rollback(HttpExchange exchange) throws IOException {
        AgentConfig restored;
        synchronized (this) {
            if (previous == null) {
                json(exchange, 409, Map.of("error", "no previous config"));
                return;
            }
            restored = previous;
            previous = current;
            current = restored;
        }
        json(exchange, 200, Map.of("applied", true, "version", restored.version(), "hash", ConfigCodec.hash(restored)));
    }

    private void purge(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String prefix = request.path("pathPrefix").asText("");
        int purged;
        synchronized (cached) {
            List<String> gone = new ArrayList<>(
                    cached.stream().filter(p -> p.startsWith(prefix)).toList());
            gone.forEach(cached::remove);
            purged = gone.size();
        }
        json(exchange, 200, Map.of("purged", purged));
    }

    private void events(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        OutputStream out = exchange.getResponseBody();
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        subscribers.add(queue);
        try {
            while (true) {
                String event = queue.poll(30, TimeUnit.SECONDS);
                if (event == null || event.equals(EVENT_CLOSE)) {
                    return;
                }
                out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } finally {
            subscribers.remove(queue);
        }
    }

    private static void invalid(HttpExchange exchange, List<ConfigError> errors) throws IOException {
        List<Map<String, String>> list = errors.stream()
                .map(e -> Map.of("field", e.field(), "value", e.value(), "expected", e.expected()))
                .toList();
        json(exchange, 400, Map.of("error", "invalid", "errors", list));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
