package dev.triage.core.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.domain.CoreException;
import dev.triage.core.security.AccessLogDetectors;
import dev.triage.core.security.AccessLogReport;
import dev.triage.core.security.DetectorSettings;
import dev.triage.core.security.LogFinding;
import dev.triage.core.security.LogFindingKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's access logs over a live edge agent writing its JSON-lines log: requests from the lab's staff addresses
 * (127.0.0.10..29) and its attacker (127.0.0.66) over real loopback sockets, an upstream that answers like HOSP
 * (401 to writes without credentials, 404 to paths it does not have), then a scan with the access-log detectors.
 */
class LabAccessLogsTest {

    private static final String ATTACKER = "127.0.0.66";
    private static final String ARN = "lab:loadbalancer/edge";
    private static final String TOKEN = "t0ken-lab-logs-5f1c9a";

    @TempDir
    Path dir;

    private HttpServer upstream;
    private AgentServer agent;
    private AdminServer admin;
    private LabLoadBalancers lab;
    private Path log;
    private int port;
    private int sent;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean write = !exchange.getRequestMethod().equals("GET");
            int status = path.contains("nope") || path.startsWith("/.env") || path.startsWith("/wp-")
                    ? 404
                    : write && exchange.getRequestHeaders().getFirst("Authorization") == null ? 401 : 200;
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        upstream.start();
        port = LiveEdge.freePort();
        log = dir.resolve("edge-access.jsonl");
        int up = upstream.getAddress().getPort();
        agent = AgentServer.start(LiveEdge.edgeConfig(port, up, up).withAccessLog(new AccessLog(true, log.toString())));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}]}
                """.formatted(port, port, admin.port(), TOKEN));
        lab = LabLoadBalancers.open(describe);
    }

    @AfterEach
    void stop() {
        lab.close();
        admin.close();
        agent.close();
        upstream.stop(0);
    }

    @Test
    void theAttackerShowsUpAsFindingsOfAScanOverTheEdgesLogAndStaffDoNot() throws IOException {
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 60; i++) {
            String staff = "127.0.0." + (10 + i % 20);
            send(staff, "GET", "/api/patients/" + i, false);
            send(staff, "POST", "/api/patients/" + i + "/notes", true);
        }
        for (int i = 0; i < 25; i++) {
            send(ATTACKER, "POST", "/api/patients/" + i + "/notes", false);
        }
        for (int i = 0; i < 32; i++) {
            send(ATTACKER, "GET", "/api/nope-" + i, false);
        }
        send(ATTACKER, "GET", "/.env", false);
        send(ATTACKER, "GET", "/api/patients?id=1%27%20OR%20%271%27=%271", false);
        awaitLogged(sent);

        AccessLogReport report;
        try (Stream<AlbLogEntry> entries =
                new LabAccessLogs(lab).entries(ARN, from, Instant.now().plusSeconds(1))) {
            report = new AccessLogDetectors(DetectorSettings.defaults()).scan(entries);
        }

        assertThat(report.entries()).isEqualTo(sent);
        assertThat(report.findings()).extracting(LogFinding::sourceIp).containsOnly(ATTACKER);
        assertThat(report.findings())
                .extracting(LogFinding::kind)
                .contains(
                        LogFindingKind.AUTH_FAILURE_BURST,
                        LogFindingKind.NOT_FOUND_BURST,
                        LogFindingKind.SCANNER_PATH,
                        LogFindingKind.INJECTION);
        assertThat(report.of(LogFindingKind.AUTH_FAILURE_BURST).getFirst().route())
                .isEqualTo("rule 10");
    }

    @Test
    void eachLineMapsToTheFieldsAnAlbLogHas() throws IOException {
        Instant from = Instant.now().minusSeconds(1);
        send(ATTACKER, "POST", "/api/patients/7/notes?draft=1", false);
        send("127.0.0.12", "GET", "/elsewhere", false);
        awaitLogged(2);

        List<AlbLogEntry> entries;
        try (Stream<AlbLogEntry> stream =
                new LabAccessLogs(lab).entries(ARN, from, Instant.now().plusSeconds(1))) {
            entries = stream.toList();
        }

        AlbLogEntry write = entries.getFirst();
        assertThat(write.client().ip()).isEqualTo(ATTACKER);
        assertThat(write.method()).isEqualTo("POST");
        assertThat(write.path()).isEqualTo("/api/patients/7/notes");
        assertThat(write.query()).isEqualTo("draft=1");
        assertThat(write.elbStatusCode()).isEqualTo(401);
        assertThat(write.targetStatusCode()).isEqualTo(401);
        assertThat(write.matchedRulePriority()).isEqualTo(10);
        assertThat(write.actionsExecuted()).containsExactly("forward");
        assertThat(write.targetGroupArn()).isEqualTo("lab:targetgroup/legacy");
        assertThat(write.loadBalancer()).isEqualTo("app/edge/lab");
        AlbLogEntry other = entries.get(1);
        assertThat(other.matchedDefaultRule()).isTrue();
        assertThat(other.elbStatusCode()).isEqualTo(200);
        try (Stream<AlbLogEntry> later =
                new LabAccessLogs(lab).entries(ARN, Instant.now().plusSeconds(60), Instant.MAX)) {
            assertThat(later).as("the time range").isEmpty();
        }
    }

    @Test
    void loggingOffIsNotFoundNamingTheLoadBalancer() throws Exception {
        try (AgentClient client = AgentClient.create()) {
            AgentEndpoint edge = new AgentEndpoint("edge", URI.create("http://127.0.0.1:" + admin.port()), TOKEN);
            VersionedConfig current = client.config(edge).get(10, TimeUnit.SECONDS);
            client.pushConfig(edge, current.config().withAccessLog(AccessLog.OFF), current.etag())
                    .get(10, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> new LabAccessLogs(lab).entries(ARN, Instant.EPOCH, Instant.now()))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining(ARN)
                .hasMessageContaining("access logging is off");
    }

    /** One HTTP/1.1 request from {@code source} (a loopback address of its own), read to the end. */
    private void send(String source, String method, String target, boolean credentials) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            String body = method.equals("GET") ? "" : "{\"text\":\"note\"}";
            String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (credentials ? "Authorization: Basic c3RhZmY6cGFzc3dvcmQ=\r\n" : "")
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
        sent++;
    }

    /** Waits (at most 10 s) until the writer thread has written {@code lines} lines. */
    private void awaitLogged(int lines) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> read = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            read = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (read.size() >= lines) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new AssertionError("the edge logged " + read.size() + " of " + lines + " requests within 10 s");
    }
}
