package dev.triage.lab.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fast upstream of the throughput bench: answers every GET on 127.0.0.1 with the same JSON body
 * of a fixed size, at once, on a virtual thread. Counts what it receives, a cross-check of the
 * agent's own attempt counts. Anything but GET gets a 405.
 */
final class ThroughputUpstream implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] body;
    private final LongAdder received = new LongAdder();

    private ThroughputUpstream(int bodyBytes) throws IOException {
        this.body = body(bodyBytes);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ThroughputUpstream start(int bodyBytes) throws IOException {
        return new ThroughputUpstream(bodyBytes);
    }

    int port() {
        return server.getAddress().getPort();
    }

    long received() {
        return received.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.increment();
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {"data":"xxx…"} padded to exactly {@code bytes} bytes (at least the 11 of the frame). */
    static byte[] body(int bytes) {
        String frame = "{\"data\":\"\"}";
        int padding = Math.max(0, bytes - frame.length());
        return ("{\"data\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
