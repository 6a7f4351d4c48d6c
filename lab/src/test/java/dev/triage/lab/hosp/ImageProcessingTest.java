package dev.triage.lab.hosp;

import static dev.triage.lab.hosp.TestHttp.DOCTOR;
import static dev.triage.lab.hosp.TestHttp.RECEPTIONIST;
import static dev.triage.lab.hosp.TestHttp.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImageProcessingTest {
    private final AtomicLong ticker = new AtomicLong();

    @Test
    void imageIsProcessingUntilTheScaledDelayPassesThenShowsAnAnalysis() {
        HospOptions options = HospOptions.defaults()
                .withProfile(FailureProfile.none())
                .withTimeScale(0.5)
                .withImageProcessing(Duration.ofSeconds(30));
        try (HospSimulator simulator = HospSimulator.start(options, ticker::get);
                TestHttp http = new TestHttp(simulator)) {
            HttpResponse<String> posted = http.json(
                    "POST", "/patients/5/images", DOCTOR, "{\"filename\":\"xray.png\",\"content_type\":\"image/png\"}");
            assertThat(posted.statusCode()).isEqualTo(202);
            JsonNode image = parse(posted);
            assertThat(image.get("status").asText()).isEqualTo("processing");
            String url = image.get("url").asText();
            assertThat(url).startsWith("/images/");
            assertThat(posted.headers().firstValue("Location")).hasValue(url);

            ticker.addAndGet(Duration.ofSeconds(15).toNanos() - 1);
            JsonNode stillProcessing = parse(http.get(url, RECEPTIONIST));
            assertThat(stillProcessing.get("status").asText()).isEqualTo("processing");
            assertThat(stillProcessing.get("analysis").isNull()).isTrue();

            ticker.addAndGet(1);
            JsonNode done = parse(http.get(url + ".json", RECEPTIONIST));
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("analysis").get("findings")).isNotEmpty();
            assertThat(done.get("analysis").get("confidence").asDouble()).isBetween(0.6, 0.99);
            assertThat(done.get("filename").asText()).isEqualTo("xray.png");
        }
    }

    @Test
    void acceptsRawImageBytesAndRefusesReceptionists() {
        try (HospSimulator simulator =
                        HospSimulator.start(HospOptions.defaults().withProfile(FailureProfile.none()), ticker::get);
                TestHttp http = new TestHttp(simulator)) {
            HttpRequest.Builder upload = http.request("/patients/5/images")
                    .header("Authorization", TestHttp.basic(DOCTOR))
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048]));
            HttpResponse<String> posted = http.send(upload);
            assertThat(posted.statusCode()).isEqualTo(202);
            assertThat(parse(posted).get("size_bytes").asLong()).isEqualTo(2048);
            assertThat(parse(posted).get("content_type").asText()).isEqualTo("image/jpeg");
            assertThat(http.json("POST", "/patients/5/images", RECEPTIONIST, "{\"filename\":\"a.png\"}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(http.get("/patients/5/images", DOCTOR).statusCode()).isEqualTo(405);
        }
    }
}
