package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.ADMIN;
import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static dev.triage.lab.hosp.TestHttp.NURSE;
import static dev.triage.lab.hosp.TestHttp.RECEPTIONIST;
import static dev.triage.lab.hosp.TestHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HospApiTest {
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

    @Test
    void seedsHospitalsStaffAndPatientsWithNotes() {
        HttpResponse<String> hospitals = http.get("/hospitals", DOCTOR);
        assertThat(hospitals.statusCode()).isEqualTo(200);
        assertThat(parse(hospitals)).hasSize(5);
        assertThat(http.get("/staffs?per_page=100", DOCTOR).headers().firstValue("X-Total-Count"))
                .hasValue("40");
        HttpResponse<String> patients = http.get("/patients?page=2&per_page=100", DOCTOR);
        assertThat(patients.headers().firstValue("X-Total-Count")).hasValue("300");
        assertThat(parse(patients)).hasSize(100);
        assertThat(parse(patients).get(0).get("id").asLong()).isEqualTo(101);
        assertThat(parse(http.get("/patients/7/notes", NURSE))).isNotEmpty();
    }

    @Test
    void rendersIdTimestampsAndAbsoluteUrl() {
        JsonNode patient = parse(http.get("/patients/12", DOCTOR));
        assertThat(patient.get("id").asLong()).isEqualTo(12);
        assertThat(patient.get("url").asText()).isEqualTo("/patients/12");
        assertThat(patient.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(patient.get("updated_at").asText()).isNotBlank();
        JsonNode staff = parse(http.get("/staffs/1", DOCTOR));
        assertThat(staff.get("username").asText()).isEqualTo(DOCTOR);
        assertThat(staff.get("role").asText()).isEqualTo("doctor");
        assertThat(staff.has("password")).isFalse();
    }

    @Test
    void healthAnswersWithoutCredentials() throws Exception {
        String answer = TestHttp.raw(simulator, "GET", "/health", "nobody", "", "");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).contains("{\"status\":\"ok\"}");
    }

    @Test
    void headAnswersLikeGetWithoutABodySoKeepAliveStaysInStep() throws Exception {
        String answer = TestHttp.raw(simulator, "HEAD", "/patients/1", TestHttp.DOCTOR, "", "");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).contains("Content-Length: ");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEmpty();
    }

    @Test
    void acceptsTheJsonSuffixOnEveryPath() {
        assertThat(http.get("/hospitals.json", DOCTOR).statusCode()).isEqualTo(200);
        assertThat(http.get("/hospitals/1.json", DOCTOR).statusCode()).isEqualTo(200);
        assertThat(http.get("/staffs.json", DOCTOR).statusCode()).isEqualTo(200);
        assertThat(http.get("/patients/3/notes.json", DOCTOR).statusCode()).isEqualTo(200);
        HttpResponse<String> created =
                http.json("POST", "/patients/3/notes.json", DOCTOR, "{\"text\":\"seen via .json\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(http.get(parse(created).get("url").asText() + ".json", DOCTOR)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void adminCreatesPatchesAndDeletesHospitals() {
        HttpResponse<String> created = http.json(
                "POST", "/hospitals", ADMIN, "{\"name\":\"Sintra Vet\",\"address\":\"1 Rua X\",\"phone\":\"+351\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode hospital = parse(created);
        String url = hospital.get("url").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(url);

        HttpResponse<String> patched = http.json("PATCH", url, ADMIN, "{\"name\":\"Sintra Veterinary\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(parse(patched).get("name").asText()).isEqualTo("Sintra Veterinary");
        assertThat(parse(patched).get("address").asText()).isEqualTo("1 Rua X");

        assertThat(http.send(http.request(url)
                                .header("Authorization", TestHttp.basic(ADMIN))
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.get(url, ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void newStaffCanLogInAndUsernamesAreUnique() {
        String body = "{\"hospital_id\":2,\"name\":\"Eve Ng\",\"username\":\"dr.ng\",\"password\":\"s3cret\","
                + "\"role\":\"doctor\"}";
        assertThat(http.json("POST", "/staffs", ADMIN, body).statusCode()).isEqualTo(201);
        assertThat(http.json("POST", "/staffs", ADMIN, body).statusCode()).isEqualTo(409);
        HttpResponse<String> asNewStaff =
                http.send(http.request("/patients/1").header("Authorization", TestHttp.basic("dr.ng", "s3cret")));
        assertThat(asNewStaff.statusCode()).isEqualTo(200);
    }

    @Test
    void receptionistRegistersPatientsAndCliniciansPostNotes() {
        HttpResponse<String> patient = http.json(
                "POST", "/patients", RECEPTIONIST, "{\"hospital_id\":1,\"name\":\"Rex\",\"species\":\"dog\"}");
        assertThat(patient.statusCode()).isEqualTo(201);
        String notes = parse(patient).get("url").asText() + "/notes";
        assertThat(http.json("POST", notes, NURSE, "{\"text\":\"Triage: stable\"}")
                        .statusCode())
                .isEqualTo(201);
        JsonNode listed = parse(http.get(notes, RECEPTIONIST));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("text").asText()).isEqualTo("Triage: stable");
        assertThat(listed.get(0).get("author_id").asLong()).isEqualTo(2);
    }

    @Test
    void answers401WithChallengeWithoutOrWithBadCredentials() {
        HttpResponse<String> none = http.send(http.request("/patients/1"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"HOSP\""));
        HttpResponse<String> wrong =
                http.send(http.request("/patients/1").header("Authorization", TestHttp.basic(DOCTOR, "guess")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = http.send(http.request("/patients/1").header("Authorization", "Basic !!!"));
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(http.json("POST", "/patients/1/notes", "nobody", "{\"text\":\"x\"}")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void answers403ForAWrongRole() {
        assertThat(http.json("POST", "/patients/1/notes", RECEPTIONIST, "{\"text\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.json("POST", "/patients/1/notes", ADMIN, "{\"text\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.json("POST", "/hospitals", DOCTOR, "{\"name\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(http.json("PATCH", "/staffs/1", NURSE, "{\"name\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(http.json("POST", "/patients", ADMIN, "{\"hospital_id\":1,\"name\":\"x\",\"species\":\"cat\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(simulator.ledger().commitsOf("never")).isZero();
    }

    @Test
    void answers404ForUnknownIdsAndPaths() {
        assertThat(http.get("/patients/999999", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/patients/abc", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/images/424242", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/patients/999999/notes", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/admin", DOCTOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/hospitals/1/patients", DOCTOR).statusCode()).isEqualTo(404);
    }

    @Test
    void answers405WithAllowForAWrongMethod() {
        HttpResponse<String> response = http.json("DELETE", "/patients/1", ADMIN, "");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(http.json("PUT", "/hospitals/1", ADMIN, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void answers400WithEveryProblemForInvalidBodies() {
        HttpResponse<String> invalid = http.json("POST", "/patients/1/notes", DOCTOR, "{\"text\": ");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(parse(invalid).get("message").asText()).contains("invalid JSON");

        HttpResponse<String> wrong =
                http.json("POST", "/patients", RECEPTIONIST, "{\"hospital_id\":99,\"colour\":\"red\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(parse(wrong).get("message").asText())
                .contains("colour: unknown field")
                .contains("name: missing")
                .contains("species: missing")
                .contains("hospital_id: 99 (expected: an existing hospital)");
        assertThat(http.get("/patients?per_page=1000", DOCTOR).statusCode()).isEqualTo(400);
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        String twoRequests = "GET /hospitals/1 HTTP/1.1\r\nHost: hosp\r\nAuthorization: " + TestHttp.basic(DOCTOR)
                + "\r\n\r\nGET /hospitals/2 HTTP/1.1\r\nHost: hosp\r\nAuthorization: " + TestHttp.basic(DOCTOR)
                + "\r\nConnection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(twoRequests.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answers =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(answers).contains("\"url\":\"/hospitals/1\"").contains("\"url\":\"/hospitals/2\"");
        }
    }
}
