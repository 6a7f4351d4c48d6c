package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.ADMIN;
import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static dev.triage.lab.hosp.TestHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteLedgerTest {
    private HospSimulator simulator;
    private TestHttp http;

    @BeforeEach
    void start() {
        simulator = HospSimulator.start(HospOptions.defaults().withProfile(FailureProfile.none()));
        http = new TestHttp(simulator);
    }

    @AfterEach
    void stop() {
        http.close();
        simulator.close();
    }

    private HttpResponse<String> postNote(String requestId, String idempotencyKey) {
        HttpRequest.Builder request = http.request("/patients/9/notes")
                .header("Authorization", TestHttp.basic(DOCTOR))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Emergency: fluids started\"}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request);
    }

    @Test
    void countsASecondCommitOfTheSameRequestIdAsADuplicate() {
        assertThat(postNote("req-1", null).statusCode()).isEqualTo(201);
        assertThat(postNote("req-2", null).statusCode()).isEqualTo(201);
        assertThat(simulator.ledger().duplicates()).isZero();

        HttpResponse<String> retried = postNote("req-1", null);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("X-Request-Id")).hasValue("req-1");

        assertThat(simulator.ledger().commits()).isEqualTo(3);
        assertThat(simulator.ledger().duplicates()).isEqualTo(1);
        assertThat(simulator.ledger().duplicateIds()).containsExactly("req-1");
        assertThat(simulator.ledger().commitsOf("req-1")).isEqualTo(2);
        JsonNode admin = parse(http.send(http.request("/_lab/ledger")));
        assertThat(admin.get("duplicates").asLong()).isEqualTo(1);
        assertThat(admin.get("duplicate_ids").get(0).asText()).isEqualTo("req-1");
    }

    @Test
    void countsOnlyWritesThatCommitted() {
        HttpResponse<String> rejected = http.send(http.request("/patients/9/notes")
                .header("Authorization", TestHttp.basic(DOCTOR))
                .header("X-Request-Id", "bad-1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(rejected.statusCode()).isEqualTo(400);
        HttpResponse<String> forbidden = http.send(http.request("/patients/9/notes")
                .header("Authorization", TestHttp.basic(ADMIN))
                .header("X-Request-Id", "bad-2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(http.json("PATCH", "/hospitals/1", ADMIN, "{\"phone\":\"+351 1\"}")
                        .statusCode())
                .isEqualTo(200);

        assertThat(simulator.ledger().commits()).isZero();
        assertThat(simulator.ledger().commitsWithoutRequestId()).isEqualTo(1);
        assertThat(simulator.stats().snapshot().committedWrites()).isEqualTo(1);
    }

    @Test
    void hospIgnoresIdempotencyKeyAndCommitsTwice() {
        assertThat(postNote("same-1", "key-1").statusCode()).isEqualTo(201);
        assertThat(postNote("same-1", "key-1").statusCode()).isEqualTo(201);
        assertThat(simulator.ledger().duplicates()).isEqualTo(1);
        assertThat(parse(http.get("/patients/9/notes?per_page=100", DOCTOR)).findValuesAsText("text"))
                .filteredOn("Emergency: fluids started"::equals)
                .hasSize(2);
    }

    @Test
    void resetForgetsTheCounts() {
        postNote("r", null);
        postNote("r", null);
        simulator.ledger().reset();
        assertThat(simulator.ledger().commits()).isZero();
        assertThat(simulator.ledger().duplicates()).isZero();
        assertThat(simulator.ledger().duplicateIds()).isEmpty();
    }
}
