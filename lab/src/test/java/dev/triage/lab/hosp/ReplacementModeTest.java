package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static dev.triage.lab.hosp.TestHttp.NURSE;
import static dev.triage.lab.hosp.TestHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplacementModeTest {
    private HospSimulator simulator;
    private TestHttp http;

    @BeforeEach
    void start() {
        simulator = HospSimulator.start(HospOptions.replacement());
        http = new TestHttp(simulator);
    }

    @AfterEach
    void stop() {
        http.close();
        simulator.close();
    }

    private HttpResponse<String> post(String user, String path, String requestId, String key, String body) {
        return http.send(http.request(path)
                .header("Authorization", TestHttp.basic(user))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstResponseWithoutASecondCommit() {
        HttpResponse<String> first = post(DOCTOR, "/patients/4/notes", "req-a", "key-a", "{\"text\":\"x-ray\"}");
        HttpResponse<String> again = post(DOCTOR, "/patients/4/notes", "req-a", "key-a", "{\"text\":\"x-ray\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(simulator.ledger().commits()).isEqualTo(1);
        assertThat(simulator.ledger().duplicates()).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyCommitOnce() throws Exception {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post(NURSE, "/patients/4/notes", "req-c", "key-c", "{\"text\":\"same\"}"));
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                assertThat(f.get().statusCode()).isEqualTo(201);
                ids.add(parse(f.get()).get("id").asText());
            }
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(simulator.ledger().commits()).isEqualTo(1);
    }

    @Test
    void keyReusedForAnotherRequestIsRefusedAndFailedAttemptsAreNotRemembered() {
        HttpResponse<String> invalid = post(DOCTOR, "/patients/4/notes", "r1", "key-b", "{}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(post(DOCTOR, "/patients/4/notes", "r1", "key-b", "{\"text\":\"ok\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(DOCTOR, "/patients/5/notes", "r2", "key-b", "{\"text\":\"ok\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(simulator.ledger().commits()).isEqualTo(1);
    }

    @Test
    void replacementNeverFails() {
        for (int i = 0; i < 50; i++) {
            assertThat(http.get("/patients/" + (1 + i), DOCTOR).statusCode()).isEqualTo(200);
        }
        assertThat(simulator.stats().snapshot().failed()).isZero();
        assertThat(simulator.stats().snapshot().attempts()).isEqualTo(50);
    }
}
