package dev.triage.lab.hosp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureProfileTest {
    @TempDir
    Path dir;

    @Test
    void defaultProfileLoadsWithSmallWriteFaults() {
        FailureProfile profile = FailureProfile.defaults();
        assertThat(profile.name()).isEqualTo("hosp-default");
        assertThat(profile.writeFaults().failBeforeCommitProbability()).isEqualTo(0.0004);
        assertThat(profile.writeFaults().commitThenErrorProbability()).isEqualTo(0.0003);
        assertThat(profile.writeFaults().commitThenTimeoutProbability()).isEqualTo(0.0003);
        assertThat(profile.latency().maxSeconds()).isEqualTo(20);
        assertThat(profile.outages().enabled()).isTrue();
    }

    @Test
    void loadsAnEditedCopyFromAnyPath() throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, FailureProfile.defaults().toJson().replace("\"hosp-default\"", "\"mine\""));
        FailureProfile loaded = FailureProfile.load(file);
        assertThat(loaded.name()).isEqualTo("mine");
        assertThat(loaded.errorBursts()).isEqualTo(FailureProfile.defaults().errorBursts());
        assertThat(FailureProfile.parse(FailureProfile.none().toJson())).isEqualTo(FailureProfile.none());
    }

    @Test
    void reportsEveryProblemWithFieldValueAndExpectation() {
        String json = edit(
                defaultText(),
                "\"badErrorProbability\": 0.4",
                "\"badErrorProbability\": 1.5",
                "\"shareStall\": 0.05",
                "\"shareStall\": 0.5",
                "\"tailMaxSeconds\": 20",
                "\"tailMaxSeconds\": 5",
                "\"multiplier\": 3",
                "\"multiplier\": 0.5",
                "\"name\": \"hosp-default\",",
                "\"name\": \"x\", \"outage\": {},");
        assertThatThrownBy(() -> FailureProfile.parse(json))
                .isInstanceOfSatisfying(
                        FailureProfileException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "profile: outage: unknown field (expected one of: name, errorBursts, latency, outages,"
                                                + " slowPeriods, writeFaults)",
                                        "profile: errorBursts.badErrorProbability: 1.5 (expected: 0..1)",
                                        "profile: errorBursts.share500+share502+share503+shareReset+shareStall: 1.45"
                                                + " (expected: 1)",
                                        "profile: latency.tailMaxSeconds: 5 (expected: >= 10)",
                                        "profile: slowPeriods.multiplier: 0.5 (expected: >= 1)"));
    }

    @Test
    void namesMissingAndMistypedFields() {
        String json = edit(
                defaultText(),
                ",\n    \"stallSeconds\": 60",
                "",
                "\"sigma\": 0.35",
                "\"sigma\": \"wide\"",
                "\"enabled\": true,\n    \"firstOutage",
                "\"enabled\": \"yes\",\n    \"firstOutage",
                "\"writeFaults\"",
                "\"ignored\": 1, \"unused\"");
        assertThatThrownBy(() -> FailureProfile.parse(json))
                .isInstanceOfSatisfying(FailureProfileException.class, e -> {
                    assertThat(e.problems())
                            .containsExactlyInAnyOrder(
                                    "profile: ignored: unknown field (expected one of: name, errorBursts, latency,"
                                            + " outages, slowPeriods, writeFaults)",
                                    "profile: unused: unknown field (expected one of: name, errorBursts, latency,"
                                            + " outages, slowPeriods, writeFaults)",
                                    "profile: errorBursts.stallSeconds: missing (expected: a value)",
                                    "profile: latency.sigma: \"wide\" (expected: a number)",
                                    "profile: outages.enabled: \"yes\" (expected: true or false)",
                                    "profile: writeFaults: missing (expected: an object)");
                });
    }

    private static String defaultText() {
        try (var in = FailureProfile.class.getResourceAsStream(FailureProfile.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Applies (find, replace) pairs, failing when a find is absent so the test cannot pass by accident. */
    private static String edit(String text, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(text).contains(pairs[i]);
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        return text;
    }

    @Test
    void reportsInvalidJsonWithItsPlace() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"name\": \"x\",\n  \"latency\": {,\n}");
        assertThatThrownBy(() -> FailureProfile.load(file))
                .isInstanceOf(FailureProfileException.class)
                .hasMessageContaining("broken.json: invalid JSON at line 3");
    }

    @Test
    void validatesRecordsBuiltInCode() {
        assertThatThrownBy(() -> new FailureProfile.Outages(true, -1, 0, 40, 20, true))
                .isInstanceOfSatisfying(
                        FailureProfileException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "outages.firstOutageAfterSeconds: -1 (expected: >= 0)",
                                        "outages.meanIntervalSeconds: 0 (expected: > 0)",
                                        "outages.maxDurationSeconds: 20 (expected: >= 40)"));
        assertThatThrownBy(() -> new FailureProfile.WriteFaults(0.5, 0.5, 0.5, Double.NaN))
                .hasMessageContaining("1.5 (expected: <= 1)")
                .hasMessageContaining("timeoutHoldSeconds: NaN");
    }
}
