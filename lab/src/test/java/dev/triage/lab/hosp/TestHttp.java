package dev.triage.lab.hosp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small test client over real sockets (java.net.http), with Basic auth for the seeded accounts. */
final class TestHttp implements AutoCloseable {
    static final String DOCTOR = "dr.alvarez";
    static final String NURSE = "nurse.baker";
    static final String ADMIN = "admin.chen";
    static final String RECEPTIONIST = "reception.diaz";

    private final URI base;
    private final HttpClient client;

    TestHttp(HospSimulator simulator) {
        this.base = simulator.baseUri();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String basic(String user) {
        return basic(user, user + "-pass");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String path, String user) {
        return send(request(path).header("Authorization", basic(user)).GET());
    }

    HttpResponse<String> json(String method, String path, String user, String body) {
        return send(request(path)
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(HttpResponse<String> response) {
        try {
            return ApiJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one raw HTTP/1.1 request on a fresh socket and reads until the server closes: returns what was
     * read, or throws the IOException (a reset shows as "Connection reset").
     */
    static String raw(HospSimulator simulator, String method, String path, String user, String headers, String body)
            throws IOException {
        try (Socket socket = new Socket(simulator.options().host(), simulator.port())) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: hosp\r\nAuthorization: " + basic(user)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n"
                    + headers + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
