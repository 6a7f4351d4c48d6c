package dev.triage.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.TargetGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsListenerTest {

    static final String SECURE = "secure";

    @TempDir
    static Path dir;

    static TestCertificates.Pem rsa;
    static TestCertificates.Pem ec;

    @BeforeAll
    static void certificates() throws Exception {
        rsa = TestCertificates.rsa(dir, "rsa-one");
        ec = TestCertificates.ec(dir, "ec-two");
    }

    /** An HTTPS listener on an ephemeral loopback port forwarding everything to the upstream. */
    static AgentConfig https(String version, int upstreamPort, Path chain, Path key) {
        Listener listener = new Listener(
                SECURE,
                Listener.HTTPS,
                "127.0.0.1",
                0,
                List.of(),
                Action.forwardTo(Configs.GROUP),
                new Listener.Tls(chain.toString(), key.toString()));
        TargetGroup group = new TargetGroup(
                Configs.GROUP, List.of(new TargetGroup.Target("127.0.0.1", upstreamPort)), 1_000, 0, 0, null);
        return new AgentConfig(version, List.of(listener), List.of(group), null, null);
    }

    @Test
    void servesHttpsWithAPemRsaCertificateOverTls13And12() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), rsa.keyFile()))) {
            int port = agent.port(SECURE);
            try (TlsClient client = TlsClient.connect(port)) {
                assertThat(client.protocol()).isEqualTo("TLSv1.3");
                assertThat(client.peerCertificate()).isEqualTo(rsa.certificate());
                TlsClient.Response response = client.get("/hello?x=1");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("echo GET /hello?x=1 ");
                assertThat(client.get("/again").body()).isEqualTo("echo GET /again ");
                assertThat(upstream.received().getFirst().header("X-Forwarded-Proto"))
                        .isEqualTo("https");
            }
            try (TlsClient client = TlsClient.connect(port, "TLSv1.2")) {
                assertThat(client.protocol()).isEqualTo("TLSv1.2");
                assertThat(client.get("/twelve").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void servesAnEcCertificate() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), ec.chainFile(), ec.keyFile()))) {
            try (TlsClient client = TlsClient.connect(agent.port(SECURE), "TLSv1.2")) {
                assertThat(client.peerCertificate()).isEqualTo(ec.certificate());
                assertThat(client.get("/ec").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void offersOnlyTls13And12() {
        assertThat(ListenerTls.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void refusesATls11Client() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), rsa.keyFile()))) {
            byte[] answer = sendClientHello(agent.port(SECURE), 0x0302);

            // Never a ServerHello (a handshake record, 0x16): a fatal protocol_version alert, or a close.
            assertThat(answer).isNotEmpty();
            assertThat(answer[0]).isEqualTo((byte) 0x15);
            assertThat(answer[5]).as("alert level fatal").isEqualTo((byte) 2);
            assertThat(answer[6]).as("alert protocol_version").isEqualTo((byte) 70);
        }
    }

    @Test
    void aConfigPushReplacesTheCertificateWithoutDroppingTheListener() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), rsa.keyFile()))) {
            int port = agent.port(SECURE);
            try (TlsClient before = TlsClient.connect(port)) {
                assertThat(before.peerCertificate()).isEqualTo(rsa.certificate());
                assertThat(before.get("/one").status()).isEqualTo(200);

                agent.apply(https("v2", upstream.port(), ec.chainFile(), ec.keyFile()));

                assertThat(agent.port(SECURE)).isEqualTo(port);
                assertThat(before.get("/still-open").status()).isEqualTo(200);
                try (TlsClient after = TlsClient.connect(port)) {
                    assertThat(after.peerCertificate()).isEqualTo(ec.certificate());
                    assertThat(after.get("/two").status()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void aPushSwitchesAListenerBetweenHttpAndHttpsOnTheSamePortAndOpenConnectionsGoOn() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), rsa.keyFile()))) {
            int port = agent.port(SECURE);
            AgentConfig secure = agent.config();
            Listener plainListener =
                    new Listener(SECURE, Listener.HTTP, "127.0.0.1", 0, List.of(), Action.forwardTo(Configs.GROUP));
            AgentConfig plain = new AgentConfig("v2", List.of(plainListener), secure.targetGroups(), null, null);
            try (TlsClient open = TlsClient.connect(port)) {
                assertThat(open.get("/before").status()).isEqualTo(200);

                agent.apply(plain);

                assertThat(agent.port(SECURE)).isEqualTo(port);
                assertThat(Http.get(port, "/plain").body()).isEqualTo("echo GET /plain ");
                assertThat(open.get("/still-tls").status()).isEqualTo(200);
            }
            assertThat(upstream.received())
                    .extracting(r -> r.target() + " " + r.header("X-Forwarded-Proto"))
                    .containsExactly("/before https", "/plain http", "/still-tls https");

            agent.apply(https("v3", upstream.port(), ec.chainFile(), ec.keyFile()));

            try (TlsClient again = TlsClient.connect(port)) {
                assertThat(again.peerCertificate()).isEqualTo(ec.certificate());
                assertThat(again.get("/back").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aConfigPushRereadsFilesWhoseContentsChanged() throws Exception {
        Path chain = dir.resolve("live-chain.pem");
        Path key = dir.resolve("live-key.pem");
        Files.copy(rsa.chainFile(), chain, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(rsa.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), chain, key))) {
            int port = agent.port(SECURE);
            try (TlsClient client = TlsClient.connect(port)) {
                assertThat(client.peerCertificate()).isEqualTo(rsa.certificate());
            }
            Files.copy(ec.chainFile(), chain, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(ec.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);

            agent.apply(https("v2", upstream.port(), chain, key));

            try (TlsClient client = TlsClient.connect(port)) {
                assertThat(client.peerCertificate()).isEqualTo(ec.certificate());
            }
        }
    }

    @Test
    void aMissingKeyFileFailsTheApplyNamingItAndTheOldCertificateStays() throws Exception {
        Path missing = dir.resolve("no-such-key.pem");
        try (UpstreamFixture upstream = new UpstreamFixture();
                AgentServer agent = AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), rsa.keyFile()))) {
            int port = agent.port(SECURE);

            assertThatThrownBy(() -> agent.apply(https("v2", upstream.port(), ec.chainFile(), missing)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("listener secure: tls.privateKeyFile: " + missing + " does not exist");

            assertThat(agent.configVersion()).isEqualTo("v1");
            try (TlsClient client = TlsClient.connect(port)) {
                assertThat(client.peerCertificate()).isEqualTo(rsa.certificate());
            }
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        try (UpstreamFixture upstream = new UpstreamFixture()) {
            assertThatThrownBy(() -> AgentServer.start(https("v1", upstream.port(), rsa.chainFile(), ec.keyFile())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("tls.privateKeyFile: " + ec.keyFile());
            Path notPem = dir.resolve("not.pem");
            Files.writeString(notPem, "hello");
            assertThatThrownBy(() -> AgentServer.start(https("v1", upstream.port(), notPem, rsa.keyFile())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("tls.certificateChainFile: " + notPem);
        }
    }

    /** A ClientHello offering only {@code version} (0x0302 is TLS 1.1); what the server sends back. */
    private static byte[] sendClientHello(int port, int version) throws IOException {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(version >> 8);
        hello.write(version);
        hello.writeBytes(new byte[32]); // random
        hello.write(0); // no session id
        hello.writeBytes(new byte[] {0, 4, (byte) 0xC0, 0x13, 0x00, 0x2F}); // two CBC suites of TLS 1.1
        hello.writeBytes(new byte[] {1, 0}); // null compression
        byte[] body = hello.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x01});
        int handshakeLength = body.length + 4;
        record.write(handshakeLength >> 8);
        record.write(handshakeLength);
        record.writeBytes(new byte[] {1, 0, (byte) (body.length >> 8), (byte) body.length});
        record.writeBytes(body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(record.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                return in.readNBytes(7);
            } catch (SocketException e) {
                return new byte[0];
            }
        }
    }
}
