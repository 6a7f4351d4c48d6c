package dev.triage.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** A well-behaved upstream (the JDK's HTTP server) that records what it receives. */
final class UpstreamFixture implements AutoCloseable {

    /** One request as the upstream saw it. */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", entry.getValue());
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, Received received) throws IOException;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Handler> handler = new AtomicReference<>(UpstreamFixture::echo);

    UpstreamFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Received request = new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery()),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body);
                received.add(request);
                handler.get().handle(exchange, request);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    void handler(Handler newHandler) {
        handler.set(newHandler);
    }

    /** 200 with "echo <method> <target> <body>" and X-Upstream: yes plus a hop-by-hop field. */
    static void echo(HttpExchange exchange, Received request) throws IOException {
        byte[] out = ("echo " + request.method() + " " + request.target() + " " + request.bodyText())
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Upstream", "yes");
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
    }

    static void status(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
