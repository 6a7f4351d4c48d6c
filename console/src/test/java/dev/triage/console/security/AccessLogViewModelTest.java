package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.fx.Tasks;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.security.DetectorSettings;
import dev.triage.core.security.LogFindingKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "From access logs" over an in-memory load balancer and access logs, without JavaFX. */
class AccessLogViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String ATTACKER = "198.51.100.66";

    private final Tasks tasks = Tasks.direct();
    private final InMemoryLoadBalancers lb = MemoryLoadBalancers.create();

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void aScanOverTheChosenRangeShowsTheAttackersFindingsAndNotStaff() {
        List<AlbLogEntry> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            log.add(entry(NOW.minusSeconds(300 - i), "10.0.0." + (10 + i % 20), "GET", "/patients/" + i, 200));
        }
        log.add(entry(NOW.minusSeconds(200), ATTACKER, "GET", "/.env", 404));
        log.add(entry(NOW.minusSeconds(199), ATTACKER, "GET", "/patients?id=1'%20OR%20'1'='1", 200));
        Fake logs = new Fake(log, e -> {});
        AccessLogViewModel vm = vm(logs);
        vm.rangeProperty().set(AccessLogViewModel.Range.LAST_15_MINUTES);

        vm.scan();

        assertThat(logs.asked)
                .containsExactly(EdgeLoadBalancers.LB + " " + NOW.minus(Duration.ofMinutes(15)) + " " + NOW);
        assertThat(vm.scanningProperty().get()).isFalse();
        assertThat(vm.findings())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.source()).isEqualTo(ATTACKER));
        assertThat(vm.findings())
                .extracting(AccessLogViewModel.Row::kind)
                .contains("scanner path", "injection-shaped request");
        AccessLogViewModel.Row injection = vm.findings().stream()
                .filter(r -> r.kind().equals("injection-shaped request"))
                .findFirst()
                .orElseThrow();
        assertThat(injection.severity()).isEqualTo("CRITICAL");
        assertThat(injection.count()).isEqualTo(1);
        assertThat(injection.first()).isEqualTo(NOW.minusSeconds(199));
        assertThat(injection.evidence()).contains("/patients").contains("***").doesNotContain("OR");
        assertThat(vm.readProperty().get()).isEqualTo(42);
        assertThat(vm.statusProperty().get()).startsWith(vm.findings().size() + " finding(s) in 42 log entries");
    }

    @Test
    void cancellingAScanStopsReadingAndShowsNothingFromIt() {
        List<AlbLogEntry> log = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.add(entry(NOW.minusSeconds(60), ATTACKER, "GET", "/.env", 404));
        }
        AccessLogViewModel[] holder = new AccessLogViewModel[1];
        Fake logs = new Fake(log, e -> {
            if (e == log.get(3)) {
                holder[0].cancel();
            }
        });
        AccessLogViewModel vm = vm(logs);
        holder[0] = vm;

        vm.scan();

        assertThat(logs.served).as("reads no entry after the cancel").isEqualTo(4);
        assertThat(logs.closed).isTrue();
        assertThat(vm.findings()).isEmpty();
        assertThat(vm.scanningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Scan cancelled");
    }

    @Test
    void aLoadBalancerWithLoggingOffIsNamedInTheStatus() {
        AccessLogs off = (arn, from, to) -> {
            throw new CoreException.NotFound("access log of", arn + " (access logging is off)");
        };
        AccessLogViewModel vm = vm(off);

        vm.scan();

        assertThat(vm.findings()).isEmpty();
        assertThat(vm.statusProperty().get()).contains("access logging is off");
    }

    @Test
    void aPlaceWithoutAccessLogsSaysSoAndDoesNotScan() {
        AccessLogViewModel vm = vm(null);

        vm.scan();

        assertThat(vm.available()).isFalse();
        assertThat(vm.scanningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("This connection has no access logs to read.");
    }

    @Test
    void withCdnRangesAWriteAnswered2xxFromElsewhereIsAFindingAndWritesFromTheCdnAreNot() {
        List<AlbLogEntry> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            log.add(entry(
                    NOW.minusSeconds(300 - i), "10.0.0." + (10 + i % 20), "POST", "/patients/" + i + "/notes", 201));
        }
        log.add(entry(NOW.minusSeconds(100), ATTACKER, "POST", "/patients/7/notes", 201));
        log.add(entry(NOW.minusSeconds(99), ATTACKER, "POST", "/patients/8/notes", 401));
        AccessLogViewModel vm = vm(new Fake(log, e -> {}));

        vm.cdnRangesTextProperty().set("10.0.0.8/29,10.0.0.16/28\n 2600:9000::/28");
        vm.scan();

        assertThat(vm.cdnRangesValidProperty().get()).isTrue();
        assertThat(vm.cdnRangesProperty().get()).containsExactly("10.0.0.8/29", "10.0.0.16/28", "2600:9000::/28");
        assertThat(vm.findings()).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo(LogFindingKind.WRITE_OUTSIDE_CDN.label());
            assertThat(row.source()).isEqualTo(ATTACKER);
            assertThat(row.count()).as("the 401 is not a served write").isEqualTo(1);
            assertThat(row.severity()).isEqualTo("CRITICAL");
        });
        assertThat(vm.statusProperty().get()).contains("3 CDN range(s) used").doesNotContain("no CDN");
    }

    @Test
    void withoutCdnRangesTheStatusSaysTheWriteCheckWasOff() {
        List<AlbLogEntry> log = List.of(entry(NOW.minusSeconds(100), ATTACKER, "POST", "/patients/7/notes", 201));
        AccessLogViewModel vm = vm(new Fake(log, e -> {}));

        vm.scan();

        assertThat(vm.findings()).isEmpty();
        assertThat(vm.cdnRangesMessageProperty().get()).startsWith("No CDN ranges");
        assertThat(vm.statusProperty().get()).contains("no CDN ranges given");
    }

    @Test
    void aBadRangeIsNamedWithWhatWasExpectedAndScanWaitsUntilItIsFixed() {
        Fake logs = new Fake(List.of(), e -> {});
        AccessLogViewModel vm = vm(logs);

        vm.cdnRangesTextProperty().set("10.0.0.8/29, 10.0.0.300/24 2600:9000::/28");

        assertThat(vm.cdnRangesValidProperty().get()).isFalse();
        assertThat(vm.cdnRangesMessageProperty().get())
                .startsWith("Entry 2 of 3, '10.0.0.300/24': not a CIDR block (expected: a CIDR block such as");
        vm.scan();
        assertThat(logs.asked).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Correct the CDN ranges first: Entry 2 of 3");

        vm.cdnRangesTextProperty().set("10.0.0.8/29 10.0.0.9");
        assertThat(vm.cdnRangesMessageProperty().get())
                .contains("'10.0.0.9': an address without a prefix length")
                .contains("for this one address: 10.0.0.9/32");
        vm.cdnRangesTextProperty().set("2600:9000::/129");
        assertThat(vm.cdnRangesMessageProperty().get()).contains("'2600:9000::/129': not a CIDR block");
        vm.cdnRangesTextProperty().set("cdn.example.com/24");
        assertThat(vm.cdnRangesValidProperty().get()).isFalse();
        assertThat(vm.cdnRangesProperty().get()).as("the last valid ranges").isEmpty();

        vm.cdnRangesTextProperty().set("10.0.0.8/29; 10.0.0.8/29");
        assertThat(vm.cdnRangesValidProperty().get()).isTrue();
        assertThat(vm.cdnRangesProperty().get()).containsExactly("10.0.0.8/29");
        assertThat(vm.cdnRangesMessageProperty().get()).startsWith("1 CDN range(s)");
        vm.scan();
        assertThat(logs.asked).hasSize(1);
    }

    @Test
    void loadingAwsIpRangesTakesTheCloudFrontPrefixesOfBothFamilies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ip-ranges.json");
        Files.writeString(file, """
                {"syncToken": "1763800000", "createDate": "2026-11-22-08-13-07",
                 "prefixes": [
                   {"ip_prefix": "3.5.140.0/22", "region": "ap-northeast-2", "service": "AMAZON",
                    "network_border_group": "ap-northeast-2"},
                   {"ip_prefix": "130.176.0.0/17", "region": "GLOBAL", "service": "CLOUDFRONT",
                    "network_border_group": "GLOBAL"},
                   {"ip_prefix": "130.176.0.0/17", "region": "GLOBAL", "service": "AMAZON",
                    "network_border_group": "GLOBAL"},
                   {"ip_prefix": "54.182.0.0/16", "region": "GLOBAL", "service": "CLOUDFRONT",
                    "network_border_group": "GLOBAL"}],
                 "ipv6_prefixes": [
                   {"ipv6_prefix": "2600:9000::/28", "region": "GLOBAL", "service": "CLOUDFRONT",
                    "network_border_group": "GLOBAL"},
                   {"ipv6_prefix": "2a05:d07a:a000::/40", "region": "eu-south-1", "service": "S3",
                    "network_border_group": "eu-south-1"}]}
                """);
        AccessLogViewModel vm = vm(new Fake(List.of(), e -> {}));

        vm.loadCdnRanges(file);

        assertThat(vm.loadingRangesProperty().get()).isFalse();
        assertThat(vm.cdnRangesProperty().get()).containsExactly("130.176.0.0/17", "54.182.0.0/16", "2600:9000::/28");
        assertThat(vm.cdnRangesTextProperty().get()).isEqualTo("130.176.0.0/17, 54.182.0.0/16, 2600:9000::/28");
        assertThat(vm.cdnRangesMessageProperty().get()).isEqualTo("3 CLOUDFRONT range(s) from ip-ranges.json.");
    }

    @Test
    void aFileThatIsNotIpRangesLeavesTheRangesAsTheyWereAndSaysWhy(@TempDir Path dir) throws Exception {
        AccessLogViewModel vm = vm(new Fake(List.of(), e -> {}));
        vm.cdnRangesTextProperty().set("10.0.0.8/29");
        Path notJson = Files.writeString(dir.resolve("notes.txt"), "10.0.0.0/8\n");
        Path noCloudFront = Files.writeString(dir.resolve("ip-ranges.json"), """
                {"prefixes": [{"ip_prefix": "3.5.140.0/22", "service": "AMAZON"}], "ipv6_prefixes": []}
                """);
        Path other = Files.writeString(dir.resolve("other.json"), "{\"items\": []}");

        vm.loadCdnRanges(notJson);
        assertThat(vm.cdnRangesMessageProperty().get())
                .startsWith("Could not load the ranges: notes.txt: not JSON (expected: AWS's ip-ranges.json)");
        vm.loadCdnRanges(noCloudFront);
        assertThat(vm.cdnRangesMessageProperty().get())
                .isEqualTo("Could not load the ranges: ip-ranges.json: no CLOUDFRONT ranges in it");
        vm.loadCdnRanges(other);
        assertThat(vm.cdnRangesMessageProperty().get()).contains("other.json: no 'prefixes' or 'ipv6_prefixes'");
        vm.loadCdnRanges(dir.resolve("missing.json"));
        assertThat(vm.cdnRangesMessageProperty().get()).contains("missing.json: no such file");

        assertThat(vm.cdnRangesProperty().get()).containsExactly("10.0.0.8/29");
        assertThat(vm.cdnRangesTextProperty().get()).isEqualTo("10.0.0.8/29");
        assertThat(vm.loadingRangesProperty().get()).isFalse();
    }

    private AccessLogViewModel vm(AccessLogs logs) {
        return new AccessLogViewModel(logs, lb, DetectorSettings.defaults(), tasks, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Serves the entries in the range, calling {@code each} before handing each one out. */
    private static final class Fake implements AccessLogs {
        final List<AlbLogEntry> log;
        final Consumer<AlbLogEntry> each;
        final List<String> asked = new ArrayList<>();
        int served;
        boolean closed;

        Fake(List<AlbLogEntry> log, Consumer<AlbLogEntry> each) {
            this.log = log;
            this.each = each;
        }

        @Override
        public Stream<AlbLogEntry> entries(String loadBalancerArn, Instant from, Instant to) {
            asked.add(loadBalancerArn + " " + from + " " + to);
            return log.stream()
                    .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to))
                    .peek(e -> {
                        served++;
                        each.accept(e);
                    })
                    .onClose(() -> closed = true);
        }
    }

    private static AlbLogEntry entry(Instant time, String client, String method, String pathAndQuery, int status) {
        return new AlbLogEntry(
                "https",
                time,
                "app/edge/1",
                new AlbLogEntry.Endpoint(client, 40_000),
                new AlbLogEntry.Endpoint("10.0.1.17", 8080),
                Duration.ZERO,
                Duration.ofMillis(12),
                Duration.ZERO,
                status,
                status,
                120,
                300,
                method,
                "https://hosp.example:443" + pathAndQuery,
                "HTTP/1.1",
                "curl/8.4.0",
                null,
                null,
                EdgeLoadBalancers.LEGACY,
                null,
                null,
                null,
                10,
                time,
                List.of("forward"),
                null,
                null,
                List.of(),
                List.of(status),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }
}
