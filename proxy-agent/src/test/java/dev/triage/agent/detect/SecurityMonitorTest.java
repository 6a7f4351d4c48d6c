package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.SecurityEvent.Kind;
import dev.triage.agent.api.config.Detection;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.stats.SecurityStats;
import dev.triage.agent.gate.Gate;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The detectors as the server drives them: a request head after the gate, then the answer. */
class SecurityMonitorTest {

    private static final String STAFF = "198.51.100.20";
    private static final String ATTACKER = "203.0.113.7";
    private static final String CDN_HEADER = "X-CDN-Secret";
    private static final String CDN_VALUE = "cdn-secret-5e1f";
    private static final String CLINICIAN = basic("dr.alvarez:correct horse battery");

    private final FakeClock clock = new FakeClock();
    private final SecurityMonitor monitor = SecurityMonitor.manual(clock);
    private final List<SecurityEvent> events = new ArrayList<>();
    private final Gate writesGate = Gate.compile(new GatePolicy(null, true, 0, List.of()));
    private final Gate cdnGate =
            Gate.compile(new GatePolicy(new GatePolicy.RequiredHeader(CDN_HEADER, List.of(CDN_VALUE)), true, 0, null));
    private SecurityMonitor.Compiled compiled = monitor.compile(Detection.DEFAULT);
    private SecurityMonitor.RouteDetector writes = compiled.route("writes", writesGate);
    private SecurityMonitor.RouteDetector reads = compiled.route("reads", Gate.OPEN);
    private SecurityMonitor.RouteDetector edge = compiled.route("edge", cdnGate);

    SecurityMonitorTest() {
        monitor.subscribe(events::add);
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static ProxyRequest request(String method, String target, String source, String... headers) {
        int q = target.indexOf('?');
        return new ProxyRequest(
                method,
                q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1),
                Headers.of(headers),
                null,
                source,
                "req");
    }

    /** One exchange through a route: the gate decides, the detectors see the head and then the answer. */
    private void exchange(SecurityMonitor.RouteDetector route, Gate gate, ProxyRequest request, int upstreamStatus) {
        Optional<dev.triage.agent.http.ProxyResponse> refusal = gate.admit(request);
        route.request(
                request,
                refusal.map(dev.triage.agent.http.ProxyResponse::status).orElse(0));
        route.response(
                request,
                refusal.map(dev.triage.agent.http.ProxyResponse::status).orElse(upstreamStatus));
    }

    private List<Kind> kinds() {
        return events.stream().map(SecurityEvent::kind).toList();
    }

    @Test
    void clinicianTrafficAtNormalRatesRaisesNothing() {
        // ten minutes of a clinician: reads every 2 s, a note every 20 s, one 404 for a missing patient
        for (int second = 0; second < 600; second += 2) {
            exchange(
                    reads,
                    Gate.OPEN,
                    request("GET", "/patients/" + (second % 40), STAFF, "Authorization", CLINICIAN),
                    200);
            exchange(
                    reads,
                    Gate.OPEN,
                    request("GET", "/patients?name=O%27Brien&page=2", STAFF, "Authorization", CLINICIAN),
                    200);
            if (second % 20 == 0) {
                exchange(
                        writes,
                        writesGate,
                        request("POST", "/patients/" + second + "/notes", STAFF, "Authorization", CLINICIAN),
                        201);
                exchange(
                        edge,
                        cdnGate,
                        request("PATCH", "/patients/3", STAFF, "Authorization", CLINICIAN, CDN_HEADER, CDN_VALUE),
                        200);
            }
            if (second == 300) {
                exchange(reads, Gate.OPEN, request("GET", "/patients/9999", STAFF, "Authorization", CLINICIAN), 404);
            }
            clock.advance(Duration.ofSeconds(2));
            monitor.flush();
        }
        // and one mistyped password
        exchange(
                writes,
                writesGate,
                request("POST", "/patients/1/notes", STAFF, "Authorization", basic("dr.alvarez:typo")),
                401);

        assertThat(events).isEmpty();
        assertThat(monitor.stats().detections().values()).allMatch(count -> count == 0);
    }

    @Test
    void anUnauthenticatedNotePostIsReportedAtOnceWithTheSource() {
        exchange(
                writes,
                writesGate,
                request("POST", "/patients/1/notes", ATTACKER, "Content-Type", "application/json"),
                0);

        assertThat(events).hasSize(1);
        SecurityEvent event = events.getFirst();
        assertThat(event.kind()).isEqualTo(Kind.UNAUTHENTICATED_WRITE);
        assertThat(event.severity()).isEqualTo(SecurityEvent.Severity.CRITICAL);
        assertThat(event.sourceIp()).isEqualTo(ATTACKER);
        assertThat(event.route()).isEqualTo("writes");
        assertThat(event.evidence()).isEqualTo("POST /patients/1/notes (no Authorization header)");
        assertThat(event.time()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void anUnauthenticatedWriteIsReportedEvenOnARouteWithoutGates() {
        exchange(reads, Gate.OPEN, request("DELETE", "/patients/4", ATTACKER), 204);

        assertThat(kinds()).containsExactly(Kind.UNAUTHENTICATED_WRITE);
    }

    @Test
    void malformedCredentialsAreReportedWithoutTheirValue() {
        String forged = "Basic bm90LWEtY3JlZGVudGlhbA==";
        exchange(writes, writesGate, request("POST", "/patients/1/notes", ATTACKER, "Authorization", forged), 0);

        assertThat(kinds()).containsExactly(Kind.MALFORMED_CREDENTIALS);
        assertThat(events.getFirst().evidence())
                .isEqualTo("POST /patients/1/notes (Authorization: Basic, not user:password)")
                .doesNotContain("bm90");
    }

    @Test
    void aBurstOf401FromOneSourceIsCredentialGuessing() {
        for (int i = 0; i < 9; i++) {
            exchange(
                    writes,
                    writesGate,
                    request("POST", "/patients/1/notes", ATTACKER, "Authorization", basic("dr.alvarez:guess" + i)),
                    401);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(events).isEmpty();

        exchange(
                writes,
                writesGate,
                request("POST", "/patients/1/notes", ATTACKER, "Authorization", basic("dr.alvarez:guess9")),
                401);

        assertThat(kinds()).containsExactly(Kind.AUTH_FAILURE_BURST);
        assertThat(events.getFirst().evidence())
                .isEqualTo("POST /patients/1/notes (answered 401; 10 answers 401/403 within 60 s)");
        assertThat(events.getFirst().toString())
                .doesNotContain(basic("dr.alvarez:guess9").substring(6), "dr.alvarez");
    }

    @Test
    void failuresSpreadBeyondTheWindowAreNoBurst() {
        for (int i = 0; i < 30; i++) {
            exchange(reads, Gate.OPEN, request("GET", "/patients/1", STAFF, "Authorization", basic("a:b")), 403);
            clock.advance(Duration.ofSeconds(7));
        }

        assertThat(events).isEmpty();
    }

    @Test
    void aRequestWithoutTheCdnHeaderWhereTheRouteRequiresItIsABypass() {
        exchange(edge, cdnGate, request("GET", "/patients/1", ATTACKER, "Authorization", CLINICIAN), 0);

        assertThat(kinds()).containsExactly(Kind.CDN_BYPASS);
        assertThat(events.getFirst().evidence()).isEqualTo("GET /patients/1 (X-CDN-Secret header absent)");
    }

    @Test
    void aWrongCdnValueIsABypassAndNeitherValueIsShown() {
        exchange(
                edge,
                cdnGate,
                request("GET", "/patients/1", ATTACKER, "Authorization", CLINICIAN, CDN_HEADER, "guessed-value"),
                0);

        assertThat(kinds()).containsExactly(Kind.CDN_BYPASS);
        assertThat(events.getFirst().evidence()).isEqualTo("GET /patients/1 (X-CDN-Secret header value not accepted)");
        assertThat(events.getFirst().toString()).doesNotContain("guessed-value", CDN_VALUE, "Basic");
    }

    @Test
    void routesWithoutARequiredHeaderNeverReportABypass() {
        exchange(reads, Gate.OPEN, request("GET", "/patients/1", ATTACKER), 200);

        assertThat(events).isEmpty();
    }

    @Test
    void aBurstOf404IsProbingButOneMissingPatientIsNot() {
        exchange(reads, Gate.OPEN, request("GET", "/patients/9999", STAFF, "Authorization", CLINICIAN), 404);
        assertThat(events).isEmpty();

        for (int i = 0; i < 20; i++) {
            exchange(reads, Gate.OPEN, request("GET", "/backup-" + i + ".zip", ATTACKER), 404);
        }

        assertThat(kinds()).containsExactly(Kind.NOT_FOUND_BURST);
        assertThat(events.getFirst().sourceIp()).isEqualTo(ATTACKER);
    }

    @Test
    void scannerPathsAreReportedOnTheFirstRequest() {
        exchange(reads, Gate.OPEN, request("GET", "/.env", ATTACKER), 404);

        assertThat(kinds()).containsExactly(Kind.SCANNER_PATH);
        assertThat(events.getFirst().evidence()).isEqualTo("GET /.env (asks for /.env)");
    }

    @Test
    void injectionInThePathOrQueryIsReported() {
        exchange(reads, Gate.OPEN, request("GET", "/patients?name=x%27+OR+1%3D1--&password=hunter2", ATTACKER), 200);
        exchange(reads, Gate.OPEN, request("GET", "/patients/1/%2e%2e/%2e%2e/etc/passwd", "192.0.2.99"), 404);

        assertThat(kinds()).containsExactly(Kind.INJECTION, Kind.INJECTION);
        assertThat(events.get(0).evidence())
                .isEqualTo("GET /patients?name=x%27+OR+1%3D1--&password=*** (sql shape \"' or\")");
        assertThat(events.get(1).evidence()).endsWith("(traversal shape \"../\")");
    }

    @Test
    void aWriteRateFarAboveTheSourcesUsualIsReported() {
        // a front desk that usually writes 5 notes every 10 s, for half an hour
        for (int bucket = 0; bucket < 180; bucket++) {
            for (int i = 0; i < 5; i++) {
                exchange(
                        writes,
                        writesGate,
                        request("POST", "/patients/1/notes", STAFF, "Authorization", CLINICIAN),
                        201);
                clock.advance(Duration.ofSeconds(2));
            }
        }
        // 30 in a bucket is above the floor (20) but not 10 x its usual (about 50): nothing
        for (int i = 0; i < 30; i++) {
            exchange(writes, writesGate, request("POST", "/patients/1/notes", STAFF, "Authorization", CLINICIAN), 201);
        }
        assertThat(events).isEmpty();
        clock.advance(Duration.ofSeconds(10));

        for (int i = 0; i < 60; i++) {
            exchange(writes, writesGate, request("POST", "/patients/1/notes", STAFF, "Authorization", CLINICIAN), 201);
        }

        assertThat(kinds()).containsExactly(Kind.WRITE_RATE);
        // about 10 x 5.3 (the usual rate, the burst of 30 included)
        assertThat(events.getFirst().evidence()).matches("POST /patients/1/notes \\(5[0-9] writes within 10 s\\)");
    }

    @Test
    void aBusySourceSuchAsAClinicBehindOneAddressIsLearnedWithinAMinute() {
        long afterFirstMinute = -1;
        for (int bucket = 0; bucket < 30; bucket++) {
            if (bucket == SourceState.MIN_HISTORY_BUCKETS) {
                afterFirstMinute = monitor.stats().detections().get("write_rate");
            }
            for (int i = 0; i < 40; i++) {
                exchange(
                        writes,
                        writesGate,
                        request("POST", "/patients/1/notes", STAFF, "Authorization", CLINICIAN),
                        201);
                clock.advance(Duration.ofMillis(250));
            }
            monitor.flush();
        }

        // judged by the floor (20 a bucket) until its usual rate is known, then quiet
        assertThat(afterFirstMinute).isPositive();
        assertThat(monitor.stats().detections().get("write_rate")).isEqualTo(afterFirstMinute);
    }

    @Test
    void aNewSourceIsJudgedByTheFloor() {
        for (int i = 0; i < 20; i++) {
            exchange(
                    writes,
                    writesGate,
                    request("POST", "/patients/1/notes", ATTACKER, "Authorization", CLINICIAN),
                    201);
        }
        assertThat(events).isEmpty();

        exchange(writes, writesGate, request("POST", "/patients/1/notes", ATTACKER, "Authorization", CLINICIAN), 201);

        assertThat(kinds()).containsExactly(Kind.WRITE_RATE);
    }

    @Test
    void behindATrustedProxyTheEventNamesTheForwardedClient() {
        compiled = monitor.compile(new Detection(true, List.of("10.0.0.0/8"), 0, null, null, null, null));
        monitor.use(compiled);
        writes = compiled.route("writes", writesGate);

        exchange(writes, writesGate, request("POST", "/patients/1/notes", "10.0.0.5", "X-Forwarded-For", ATTACKER), 0);

        assertThat(events.getFirst().sourceIp()).isEqualTo(ATTACKER);
    }

    @Test
    void thresholdsFollowTheConfig() {
        compiled = monitor.compile(
                new Detection(true, null, 0, new Detection.Burst(3, 5_000), new Detection.Burst(2, 0), null, null));
        reads = compiled.route("reads", Gate.OPEN);

        for (int i = 0; i < 3; i++) {
            exchange(reads, Gate.OPEN, request("GET", "/patients/" + i, ATTACKER, "Authorization", basic("x:y")), 401);
        }
        exchange(reads, Gate.OPEN, request("GET", "/nothing", STAFF, "Authorization", CLINICIAN), 404);
        exchange(reads, Gate.OPEN, request("GET", "/nothing-either", STAFF, "Authorization", CLINICIAN), 404);

        assertThat(kinds()).containsExactly(Kind.AUTH_FAILURE_BURST, Kind.NOT_FOUND_BURST);
    }

    @Test
    void detectionOffRaisesNothing() {
        compiled = monitor.compile(Detection.OFF);
        writes = compiled.route("writes", writesGate);

        exchange(writes, writesGate, request("POST", "/.env?q=%3Cscript%3E", ATTACKER), 0);

        assertThat(events).isEmpty();
        assertThat(monitor.stats().detections().values()).allMatch(count -> count == 0);
    }

    @Test
    void statsCountDetectionsEventsAndSources() {
        for (int i = 0; i < 5; i++) {
            exchange(writes, writesGate, request("POST", "/patients/" + i + "/notes", ATTACKER), 0);
        }
        clock.advance(Duration.ofSeconds(11));
        monitor.flush();

        SecurityStats stats = monitor.stats();
        assertThat(stats.detections())
                .containsEntry("unauthenticated_write", 5L)
                .containsEntry("auth_failure_burst", 0L)
                .hasSize(Kind.values().length);
        assertThat(stats.eventsPublished()).isEqualTo(2);
        assertThat(stats.occurrencesAggregated()).isEqualTo(4);
        assertThat(stats.sourcesTracked()).isEqualTo(1);
        assertThat(events.get(1).message()).endsWith("and 4 more in 11 s");
    }

    @Test
    void perSourceStateIsBounded() {
        monitor.use(monitor.compile(new Detection(true, null, 100, null, null, null, null)));
        for (int i = 0; i < 1_000; i++) {
            exchange(
                    writes,
                    writesGate,
                    request(
                            "POST",
                            "/patients/1/notes",
                            "10.0." + (i / 250) + "." + (i % 250),
                            "Authorization",
                            CLINICIAN),
                    201);
        }

        assertThat(monitor.stats().sourcesTracked()).isLessThanOrEqualTo(100);
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressFailsTheCompile() {
        assertThatThrownBy(() -> monitor.compile(new Detection(true, List.of("proxy"), 0, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detection.trustedProxies[0]");
    }
}
