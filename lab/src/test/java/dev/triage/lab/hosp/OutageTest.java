package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class OutageTest {
    @Test
    void forcedOutageRefusesConnectionsThenRecoversOnTheSamePort() throws IOException {
        try (HospSimulator simulator =
                        HospSimulator.start(HospOptions.defaults().withProfile(FailureProfile.none()));
                TestHttp http = new TestHttp(simulator)) {
            int port = simulator.port();
            assertThat(http.get("/patients/1", DOCTOR).statusCode()).isEqualTo(200);

            simulator.forceOutage(Duration.ofSeconds(3));

            assertThat(simulator.outageActive()).isTrue();
            // Refused within the outage; the closed listener has been seen to accept one more connect (CI).
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> nobodyListens(port));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .until(() -> http.get("/patients/1", DOCTOR).statusCode() == 200);
            assertThat(simulator.port()).isEqualTo(port);
            assertThat(simulator.outageActive()).isFalse();
            assertThat(simulator.stats().snapshot().outages()).isEqualTo(1);
        }
    }

    @Test
    void crashOutageResetsRequestsInFlightBeforeTheyCommit() throws Exception {
        HospOptions options = HospOptions.defaults().withProfile(Profiles.withFixedLatency(3, false));
        try (HospSimulator simulator = HospSimulator.start(options)) {
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestHttp.raw(
                            simulator, "POST", "/patients/3/notes", DOCTOR, "X-Request-Id: o1\r\n", "{\"text\":\"x\"}");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().attempts() == 1);

            simulator.forceOutage(Duration.ofSeconds(30));

            assertThatThrownBy(inFlight::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(IOException.class);
            // The request wakes after its 3 s service time, finds the outage, and never commits.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> simulator.stats().snapshot().outageRejections() == 1);
            assertThat(simulator.ledger().commitsOf("o1")).isZero();
            assertThat(simulator.stats().snapshot().committedWrites()).isZero();
        }
    }

    @Test
    void drainingOutageLetsRequestsInFlightFinishAndRefusesNewConnections() throws Exception {
        HospOptions options = HospOptions.defaults().withProfile(Profiles.withFixedLatency(1, true));
        try (HospSimulator simulator = HospSimulator.start(options)) {
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestHttp.raw(
                            simulator, "POST", "/patients/3/notes", DOCTOR, "X-Request-Id: d1\r\n", "{\"text\":\"x\"}");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().attempts() == 1);

            simulator.forceOutage(Duration.ofSeconds(30));

            assertThat(inFlight.get(20, java.util.concurrent.TimeUnit.SECONDS)).startsWith("HTTP/1.1 201");
            assertThat(simulator.ledger().commitsOf("d1")).isEqualTo(1);
            assertThat(nobodyListens(simulator.port())).isTrue();
        }
    }

    /**
     * True when a connection is refused. On Linux a connect to a free port in the ephemeral range can,
     * rarely, pick that very port as its source and connect to itself (TCP self-connect): that too
     * means nobody listens.
     */
    private static boolean nobodyListens(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.getLocalPort() == port;
        } catch (ConnectException e) {
            return true;
        }
    }
}
