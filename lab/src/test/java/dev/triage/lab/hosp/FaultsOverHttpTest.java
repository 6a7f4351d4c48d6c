package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static dev.triage.lab.hosp.TestHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FaultsOverHttpTest {
    private static final String NOTE = "{\"text\":\"Fracture, splint applied\"}";

    private static HospSimulator start(FailureProfile profile) {
        return HospSimulator.start(HospOptions.defaults().withProfile(profile).withTimeScale(0.001));
    }

    private static long notesOf(HospSimulator simulator, long patient) {
        try (TestHttp http = new TestHttp(simulator)) {
            return parse(http.get("/patients/" + patient + "/notes?per_page=100", DOCTOR))
                    .size();
        }
    }

    @Test
    void burstErrorsAnswer5xxAndCount() throws IOException {
        try (HospSimulator simulator = start(Profiles.with(Profiles.alwaysFailing(0, 0, 1, 0, 0)))) {
            String answer = TestHttp.raw(simulator, "GET", "/patients/1", DOCTOR, "", "");
            assertThat(answer).startsWith("HTTP/1.1 503");
            assertThat(simulator.stats().snapshot().errors5xx()).isEqualTo(1);
            assertThat(simulator.stats().failed()).isEqualTo(1);
        }
    }

    @Test
    void burstResetsCloseTheConnectionAbortively() {
        try (HospSimulator simulator = start(Profiles.with(Profiles.alwaysFailing(0, 0, 0, 1, 0)))) {
            assertThatThrownBy(() -> TestHttp.raw(simulator, "GET", "/patients/1", DOCTOR, "", ""))
                    .isInstanceOf(IOException.class);
            assertThat(simulator.stats().snapshot().resets()).isEqualTo(1);
        }
    }

    @Test
    void stallsHoldTheConnectionThenReset() {
        try (HospSimulator simulator = start(Profiles.with(Profiles.alwaysFailing(0, 0, 0, 0, 1)))) {
            assertThatThrownBy(() -> TestHttp.raw(simulator, "GET", "/patients/1", DOCTOR, "", ""))
                    .isInstanceOf(IOException.class);
            HospStats.Snapshot stats = simulator.stats().snapshot();
            assertThat(stats.stalls()).isEqualTo(1);
            assertThat(stats.maxMs()).isGreaterThanOrEqualTo(60); // 60 s at scale 0.001
        }
    }

    @Test
    void burstErrorsShedWritesWith503BeforeCommit() throws IOException {
        try (HospSimulator simulator = start(Profiles.with(Profiles.alwaysFailing(1, 0, 0, 0, 0)))) {
            String answer = TestHttp.raw(simulator, "POST", "/patients/2/notes", DOCTOR, "X-Request-Id: w1\r\n", NOTE);
            assertThat(answer).startsWith("HTTP/1.1 503");
            assertThat(simulator.ledger().commits()).isZero();
            assertThat(simulator.stats().snapshot().committedWrites()).isZero();
        }
    }

    @Test
    void failBeforeCommitStoresNothing() throws IOException {
        try (HospSimulator simulator = start(Profiles.with(new FailureProfile.WriteFaults(1, 0, 0, 60)))) {
            long before = notesOf(simulator, 2);
            String answer = TestHttp.raw(simulator, "POST", "/patients/2/notes", DOCTOR, "X-Request-Id: w2\r\n", NOTE);
            assertThat(answer).startsWith("HTTP/1.1 500");
            assertThat(notesOf(simulator, 2)).isEqualTo(before);
            assertThat(simulator.ledger().commitsOf("w2")).isZero();
        }
    }

    @Test
    void commitThenErrorStoresTheWriteAndAnswers500() throws IOException {
        try (HospSimulator simulator = start(Profiles.with(new FailureProfile.WriteFaults(0, 1, 0, 60)))) {
            long before = notesOf(simulator, 2);
            String answer = TestHttp.raw(simulator, "POST", "/patients/2/notes", DOCTOR, "X-Request-Id: w3\r\n", NOTE);
            assertThat(answer).startsWith("HTTP/1.1 500");
            assertThat(notesOf(simulator, 2)).isEqualTo(before + 1);
            assertThat(simulator.ledger().commitsOf("w3")).isEqualTo(1);
        }
    }

    @Test
    void commitThenTimeoutKeepsTheCommittedWriteAndNeverAnswers() {
        try (HospSimulator simulator = start(Profiles.with(new FailureProfile.WriteFaults(0, 0, 1, 60)))) {
            long before = notesOf(simulator, 2);
            assertThatThrownBy(() ->
                            TestHttp.raw(simulator, "POST", "/patients/2/notes", DOCTOR, "X-Request-Id: w4\r\n", NOTE))
                    .isInstanceOf(IOException.class);
            assertThat(notesOf(simulator, 2)).isEqualTo(before + 1);
            assertThat(simulator.ledger().commitsOf("w4")).isEqualTo(1);
            assertThat(simulator.stats().snapshot().stalls()).isEqualTo(1);
            assertThat(simulator.stats().snapshot().maxMs()).isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void writeFaultsNeverTouchReads() throws IOException {
        try (HospSimulator simulator = start(Profiles.with(new FailureProfile.WriteFaults(0, 0, 1, 60)))) {
            assertThat(TestHttp.raw(simulator, "GET", "/patients/2", DOCTOR, "", ""))
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void statsRecordScaledServiceTimesAndReset() throws IOException {
        try (HospSimulator simulator = HospSimulator.start(
                HospOptions.defaults().withProfile(Profiles.withFixedLatency(2)).withTimeScale(0.01))) {
            for (int i = 0; i < 3; i++) {
                TestHttp.raw(simulator, "GET", "/hospitals/1", DOCTOR, "", "");
            }
            HospStats.Snapshot stats = simulator.stats().snapshot();
            assertThat(stats.attempts()).isEqualTo(3);
            assertThat(stats.p50Ms()).isGreaterThanOrEqualTo(20);
            assertThat(stats.p99Ms()).isGreaterThanOrEqualTo(stats.p50Ms());
            try (TestHttp http = new TestHttp(simulator)) {
                assertThat(parse(http.send(http.request("/_lab/stats")))
                                .get("attempts")
                                .asLong())
                        .isEqualTo(3);
            }
            simulator.stats().reset();
            assertThat(simulator.stats().snapshot().attempts()).isZero();
            assertThat(simulator.stats().snapshot().p99Ms()).isZero();
        }
    }
}
