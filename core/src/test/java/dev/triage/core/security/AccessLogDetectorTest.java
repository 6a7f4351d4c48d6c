package dev.triage.core.security;

import static dev.triage.core.security.LogLines.BROWSER;
import static dev.triage.core.security.LogLines.CURL;
import static dev.triage.core.security.LogLines.fixed;
import static dev.triage.core.security.LogLines.forwarded;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.accesslog.AlbLogParser;
import dev.triage.core.domain.CoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The access-log detectors on sample lines: true positives, and staff traffic that must not trigger them. */
class AccessLogDetectorTest {

    static final Instant T0 = Instant.parse("2026-06-01T09:00:00.123456Z");
    /** The CDN's ranges in these tests (documentation addresses standing in for CloudFront's). */
    static final List<String> CDN = List.of("198.51.100.0/24", "2001:db8:cd00::/40");

    static final String STAFF_EDGE = "198.51.100.23";
    static final String ATTACKER = "203.0.113.7";

    private final AccessLogDetectors detectors =
            new AccessLogDetectors(DetectorSettings.defaults().withCdnRanges(CDN));

    private AccessLogReport scan(List<String> lines) {
        return detectors.scan(lines.stream().map(LogLines::entry));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A morning of staff work through the CDN: reads, note posts, a few typos in passwords and links. */
    static List<String> staffMorning() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String edge = "198.51.100." + (10 + i % 7) + ":" + (40000 + i);
            lines.add(
                    forwarded(at(i * 9L), edge, "GET", "/patients/" + (1000 + i) + "?include=notes", 200, 10, BROWSER));
            if (i % 4 == 0) {
                lines.add(forwarded(
                        at(i * 9L + 2), edge, "POST", "/patients/" + (1000 + i) + "/notes", 201, 20, BROWSER));
            }
            if (i % 25 == 0) {
                lines.add(forwarded(at(i * 9L + 3), edge, "GET", "/staffs/me", 401, 10, BROWSER));
                lines.add(forwarded(at(i * 9L + 4), edge, "GET", "/patients/99999", 404, 10, BROWSER));
            }
        }
        lines.add(forwarded(
                at(5),
                "[2001:db8:cd00::17]:443".replace("[", "").replace("]", ""),
                "PATCH",
                "/patients/1001",
                200,
                10,
                BROWSER));
        lines.add(forwarded(
                at(6), STAFF_EDGE + ":40001", "GET", "/patients?name=O%27Brien&species=cat+dog", 200, 10, BROWSER));
        return lines;
    }

    // ------------------------------------------------------------------ writes from outside the CDN

    @Test
    void attackerPostingNotesStraightToTheLoadBalancerIsOneCriticalFindingWithABlockFix() {
        List<String> lines = new ArrayList<>(staffMorning());
        lines.add(forwarded(at(100), ATTACKER + ":51000", "POST", "/patients/1001/notes?token=hunter2", 201, 20, CURL));
        lines.add(forwarded(at(130), ATTACKER + ":51001", "POST", "/patients/1002/notes", 201, 20, CURL));
        lines.add(forwarded(at(40), ATTACKER + ":51002", "POST", "/patients/1003/notes", 201, 20, CURL));
        Collections.shuffle(lines, new Random(7));

        AccessLogReport report = scan(lines);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(LogFindingKind.WRITE_OUTSIDE_CDN);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.sourceIp()).isEqualTo(ATTACKER);
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.first()).isEqualTo(at(40));
            assertThat(f.last()).isEqualTo(at(130));
            assertThat(f.route()).isEqualTo("rule 20");
            assertThat(f.fix().kind()).isEqualTo(Remediation.Kind.BLOCK_SOURCES);
            assertThat(f.fix().parameters()).isEqualTo(Map.of(Remediation.CIDRS, ATTACKER + "/32"));
            assertThat(f.message()).startsWith("write answered 2XX from outside the CDN from 203.0.113.7");
        });
        assertThat(report.entries()).isEqualTo(lines.size());
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void evidenceMasksEveryQueryValue() {
        AccessLogReport report = scan(List.of(forwarded(
                at(0),
                ATTACKER + ":51000",
                "POST",
                "/patients/1001/notes?token=hunter2&owner=Jane+Doe&flag",
                201,
                20,
                CURL)));

        String evidence = report.findings().getFirst().evidence();
        assertThat(evidence)
                .isEqualTo("POST /patients/1001/notes?token=***&owner=***&*** -> 201 (rule 20; curl/8.4.0)")
                .doesNotContain("hunter2")
                .doesNotContain("Jane");
    }

    @Test
    void staffTrafficThroughTheCdnTriggersNothing() {
        AccessLogReport report = scan(staffMorning());

        assertThat(report.findings()).isEmpty();
        // The same lines from addresses outside the CDN would be found: the check above can fail.
        AccessLogReport elsewhere = new AccessLogDetectors(
                        DetectorSettings.defaults().withCdnRanges(List.of("192.0.2.0/24")))
                .scan(staffMorning().stream().map(LogLines::entry));
        assertThat(elsewhere.of(LogFindingKind.WRITE_OUTSIDE_CDN)).hasSize(8); // 7 edges and 1 IPv6 edge
    }

    @Test
    void ipv6SourcesAreMatchedAgainstIpv6Ranges() {
        AccessLogReport report = scan(List.of(
                forwarded(at(0), "2001:db8:cd00::9:443", "POST", "/patients/1/notes", 201, 20, BROWSER),
                forwarded(at(1), "2001:db8:bad::66:443", "DELETE", "/patients/1/notes/3", 204, 20, CURL)));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.sourceIp()).isEqualTo("2001:db8:bad::66");
            assertThat(f.fix().parameters()).containsEntry(Remediation.CIDRS, "2001:db8:bad::66/128");
        });
    }

    @Test
    void writesRefusedOrReadsFromOutsideTheCdnAreNotWritesAnswered2xx() {
        AccessLogReport report = scan(List.of(
                forwarded(at(0), ATTACKER + ":1", "POST", "/patients/1/notes", 401, 20, CURL),
                fixed(at(1), ATTACKER + ":2", "POST", "/patients/1/notes", 403, 1, CURL),
                forwarded(at(2), ATTACKER + ":3", "GET", "/hospitals", 200, 10, CURL)));

        assertThat(report.of(LogFindingKind.WRITE_OUTSIDE_CDN)).isEmpty();
    }

    @Test
    void withoutCdnRangesTheWriteCheckIsOffAndTheReportSaysSo() {
        AccessLogReport report = new AccessLogDetectors(DetectorSettings.defaults())
                .scan(java.util.stream.Stream.of(
                        LogLines.entry(forwarded(at(0), ATTACKER + ":1", "POST", "/patients/1/notes", 201, 20, CURL))));

        assertThat(report.of(LogFindingKind.WRITE_OUTSIDE_CDN)).isEmpty();
        assertThat(report.notes())
                .containsExactly("no CDN address ranges are set, so writes from outside the CDN are not checked");
    }

    // ------------------------------------------------------------------ default rule

    @Test
    void writesTheDefaultRuleForwardedAreFoundButNotItsFixedAnswersOrRuleErrors() {
        AccessLogReport report = scan(List.of(
                forwarded(at(0), STAFF_EDGE + ":1", "PUT", "/patients/1", 200, 0, BROWSER),
                forwarded(at(1), STAFF_EDGE + ":2", "PUT", "/patients/2", 200, 0, BROWSER),
                fixed(at(2), "198.51.100.99:3", "POST", "/hospitals", 403, 0, BROWSER),
                forwarded(at(3), "198.51.100.98:4", "POST", "/patients/3/notes", 201, -1, BROWSER),
                forwarded(at(4), "198.51.100.97:5", "GET", "/patients/3", 200, 0, BROWSER)));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(LogFindingKind.WRITE_VIA_DEFAULT_RULE);
            assertThat(f.sourceIp()).isEqualTo(STAFF_EDGE);
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.route()).isEqualTo("default rule");
            assertThat(f.fix()).isNull();
        });
    }

    @Test
    void theAwsDocumentationExampleIsAGetAndTriggersNothing() {
        assertThat(scan(List.of(LogLines.AWS_DOC_HTTP)).findings()).isEmpty();
    }

    // ------------------------------------------------------------------ bursts

    @Test
    void credentialGuessingIsABurstOf401ButAFewTyposAreNot() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(forwarded(at(i * 2L), ATTACKER + ":" + (50000 + i), "GET", "/staffs/me", 401, 10, CURL));
        }
        for (int i = 0; i < 3; i++) {
            lines.add(forwarded(at(i * 2L), "192.0.2.50:" + (40000 + i), "GET", "/staffs/me", 401, 10, BROWSER));
        }
        Collections.reverse(lines); // files are not merged in time order

        AccessLogReport report = scan(lines);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(LogFindingKind.AUTH_FAILURE_BURST);
            assertThat(f.sourceIp()).isEqualTo(ATTACKER);
            assertThat(f.count()).isEqualTo(25);
            assertThat(f.first()).isEqualTo(at(0));
            assertThat(f.last()).isEqualTo(at(48));
            assertThat(f.evidence()).contains("20 answers 401/403 within 60 s");
            assertThat(f.fix().parameters()).containsEntry(Remediation.CIDRS, ATTACKER + "/32");
        });
    }

    @Test
    void failuresSpreadOverManyWindowsAreNoBurst() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add(forwarded(at(i * 10L), ATTACKER + ":1", "GET", "/staffs/me", 403, 10, CURL));
        }

        assertThat(scan(lines).findings()).isEmpty();
    }

    @Test
    void theBlockRulesOwn403sAndCdnEdgesAreNotCountedAsGuessing() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(fixed(at(i), ATTACKER + ":" + i, "POST", "/patients/1/notes", 403, 1, CURL));
            lines.add(forwarded(at(i), STAFF_EDGE + ":" + i, "GET", "/staffs/me", 401, 10, BROWSER));
        }

        assertThat(scan(lines).findings()).isEmpty();
    }

    @Test
    void probingIsABurstOf404WithScannerPathsNamed() {
        List<String> lines = new ArrayList<>();
        String[] probes = {"/.env", "/wp-login.php", "/.git/config", "/phpmyadmin/", "/actuator/env"};
        for (int i = 0; i < 35; i++) {
            String path = i < probes.length ? probes[i] : "/backup-" + i + ".zip";
            lines.add(forwarded(at(i), ATTACKER + ":" + (60000 + i), "GET", path, 404, 10, "Nuclei - Open-source"));
        }

        AccessLogReport report = scan(lines);

        assertThat(report.of(LogFindingKind.NOT_FOUND_BURST)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(35);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(report.of(LogFindingKind.SCANNER_PATH)).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(5);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.path()).isEqualTo("/.env");
            assertThat(f.evidence()).contains("scanner path /.env");
        });
    }

    @Test
    void aScannerPathAnswered200IsAWarning() {
        AccessLogReport report = scan(List.of(forwarded(at(0), ATTACKER + ":1", "GET", "/.git/HEAD", 200, 0, CURL)));

        assertThat(report.of(LogFindingKind.SCANNER_PATH).getFirst().severity()).isEqualTo(Severity.WARNING);
    }

    // ------------------------------------------------------------------ injection

    @Test
    void injectionShapesInPathOrQueryAreFoundEvenEncodedTwice() {
        AccessLogReport report = scan(List.of(
                forwarded(at(0), ATTACKER + ":1", "GET", "/patients?id=1%27%20OR%201=1--", 500, 10, CURL),
                forwarded(at(1), "192.0.2.66:1", "GET", "/images/%252e%252e%252fetc%252fpasswd", 400, 10, CURL),
                forwarded(at(2), "192.0.2.77:1", "GET", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, 10, CURL)));

        List<LogFinding> found = report.of(LogFindingKind.INJECTION);
        assertThat(found).extracting(LogFinding::sourceIp).containsExactly("192.0.2.77", ATTACKER, "192.0.2.66");
        assertThat(found.get(0).severity()).isEqualTo(Severity.CRITICAL); // answered 200
        assertThat(found.get(0).evidence()).contains("script: <script").doesNotContain("alert");
        assertThat(found.get(1).evidence()).contains("sql: ' or ");
        assertThat(found.get(2).evidence()).contains("traversal: ../");
    }

    @Test
    void everydayStaffQueriesAreNotInjection() {
        AccessLogReport report = scan(List.of(
                forwarded(at(0), "192.0.2.5:1", "GET", "/patients?name=O%27Brien&species=cat", 200, 10, BROWSER),
                forwarded(at(1), "192.0.2.5:2", "GET", "/notes?text=fed+at+8%3B+walks+or+runs", 200, 10, BROWSER),
                forwarded(at(2), "192.0.2.5:3", "GET", "/images/xray-2026.06.01.png", 200, 10, BROWSER),
                forwarded(at(3), "192.0.2.5:4", "GET", "/hospitals/select/union-street", 200, 10, BROWSER)));

        assertThat(report.findings()).isEmpty();
    }

    // ------------------------------------------------------------------ bounds and streaming

    @Test
    void findingsAreCappedAndTheDroppedOccurrencesCounted() {
        AccessLogDetectors capped = new AccessLogDetectors(
                DetectorSettings.defaults().withCdnRanges(CDN).withCaps(16, 16));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(forwarded(at(i), "203.0.113." + (i + 1) + ":1", "POST", "/patients/1/notes", 201, 20, CURL));
        }

        AccessLogReport report = capped.scan(lines.stream().map(LogLines::entry));

        assertThat(report.findings()).hasSize(16);
        assertThat(report.droppedOccurrences()).isEqualTo(84);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("84 matching requests were not kept"));
    }

    @Test
    void burstCountersAreCappedLeastRecentlyUsedFirst() {
        AccessLogDetectors capped = new AccessLogDetectors(
                DetectorSettings.defaults().withCdnRanges(CDN).withCaps(16, 1000));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(forwarded(at(i), ATTACKER + ":1", "GET", "/staffs/me", 401, 10, CURL));
            for (int k = 0; k < 3; k++) { // a few noisy others between the attacker's attempts
                lines.add(forwarded(at(i), "192.0.2." + (i * 3 + k) + ":1", "GET", "/nope", 404, 10, CURL));
            }
        }

        AccessLogReport report = capped.scan(lines.stream().map(LogLines::entry));

        assertThat(report.evictedCounters()).isPositive();
        assertThat(report.of(LogFindingKind.AUTH_FAILURE_BURST))
                .singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(25));
    }

    @Test
    void aGzipLogFileStreamsThroughTheParser() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : staffMorning()) {
            text.append(line).append('\n');
        }
        text.append(forwarded(at(77), ATTACKER + ":5", "POST", "/patients/7/notes", 201, 20, CURL))
                .append('\n');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.toString().getBytes(UTF_8));
        }

        AccessLogReport report = detectors.scan(AlbLogParser.parse(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(report.findings()).extracting(LogFinding::kind).containsExactly(LogFindingKind.WRITE_OUTSIDE_CDN);
    }

    @Test
    void aScanCanBeFedEntryByEntryAndReportedAnyTime() {
        AccessLogScan scan = detectors.newScan();
        scan.accept(LogLines.entry(forwarded(at(0), ATTACKER + ":5", "POST", "/patients/7/notes", 201, 20, CURL)));
        assertThat(scan.report().findings()).hasSize(1);
        scan.accept(LogLines.entry(forwarded(at(9), ATTACKER + ":6", "POST", "/patients/8/notes", 201, 20, CURL)));

        assertThat(scan.report().findings().getFirst().count()).isEqualTo(2);
        assertThat(scan.report().entries()).isEqualTo(2);
    }

    @Test
    void settingsRejectWhatIsNotACidrBlockListingEveryProblem() {
        assertThatThrownBy(() -> DetectorSettings.defaults()
                        .withCdnRanges(
                                List.of("198.51.100.0/24", "cdn.example.com/24", "300.1.1.1/8", "2001:db8::/129")))
                .isInstanceOf(CoreException.Invalid.class)
                .satisfies(
                        e -> assertThat(((CoreException.Invalid) e).problems()).hasSize(3));
        assertThatThrownBy(() -> DetectorSettings.defaults().withThresholds(1, 30, Duration.ofMillis(10)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("authFailureThreshold: 1")
                .hasMessageContaining("burstWindow");
    }
}
