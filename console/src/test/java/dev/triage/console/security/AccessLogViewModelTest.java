package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.security.DetectorSettings;
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

/** "From access logs" over an in-memory load balancer and access logs, without JavaFX. */
class AccessLogViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String ATTACKER = "198.51.100.66";

    private final Tasks tasks = Tasks.direct();
    private final MemoryLoadBalancers lb = new MemoryLoadBalancers();

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
                .containsExactly(MemoryLoadBalancers.LB + " " + NOW.minus(Duration.ofMinutes(15)) + " " + NOW);
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
                MemoryLoadBalancers.LEGACY,
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
