package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.SecurityEvent.Kind;
import dev.triage.agent.client.AgentEvent;
import dev.triage.console.fx.Tasks;
import dev.triage.core.metrics.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live alerts over fake event streams, a fake clock and pauses the test runs by hand; no JavaFX. */
class SecurityViewModelTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Tasks tasks = Tasks.direct();
    private final FakeSecuritySource source = new FakeSecuritySource("edge", "legacy-1");
    private final MutableClock clock = new MutableClock(T0);
    private final List<Pause> pauses = new ArrayList<>();

    private record Pause(Duration length, Runnable action) {}

    private SecurityViewModel viewModel(int capacity) {
        return new SecurityViewModel(
                source,
                tasks,
                (length, action) -> {
                    pauses.add(new Pause(length, action));
                    return new Tasks.Handle();
                },
                clock,
                capacity);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void showsEveryAgentsAlertsMostRecentFirstAndIgnoresOtherEvents() {
        SecurityViewModel vm = viewModel(1000);
        vm.start();

        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.66", 0));
        source.stream("edge").send(new AgentEvent.ConfigApplied("v2", "abc"));
        source.stream("legacy-1").send(alert(Kind.SCANNER_PATH, "198.51.100.4", 1));

        assertThat(vm.alerts())
                .extracting(a -> a.agent() + " " + a.kind().wire() + " " + a.sourceIp())
                .containsExactly("legacy-1 scanner_path 198.51.100.4", "edge unauthenticated_write 127.0.0.66");
        assertThat(vm.streams())
                .extracting(s -> s.agent() + " " + s.status())
                .containsExactly("edge LIVE", "legacy-1 LIVE");
    }

    @Test
    void filtersBySeverity() {
        SecurityViewModel vm = viewModel(1000);
        vm.start();
        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.66", 0));
        source.stream("edge").send(alert(Kind.SCANNER_PATH, "127.0.0.66", 1));

        vm.minimumSeverityProperty().set(SecurityEvent.Severity.CRITICAL);
        assertThat(vm.shownAlerts()).extracting(Alert::kind).containsExactly(Kind.UNAUTHENTICATED_WRITE);

        source.stream("edge").send(alert(Kind.INJECTION, "127.0.0.67", 2));
        assertThat(vm.shownAlerts()).hasSize(1);
        assertThat(vm.alerts()).hasSize(3);

        vm.minimumSeverityProperty().set(SecurityEvent.Severity.INFO);
        assertThat(vm.shownAlerts()).hasSize(3);
    }

    @Test
    void keepsAtMostItsCapacityOfLines() {
        SecurityViewModel vm = viewModel(5);
        vm.start();
        for (int i = 0; i < 12; i++) {
            source.stream("edge").send(alert(Kind.SCANNER_PATH, "10.0.0." + i, i));
        }
        assertThat(vm.alerts())
                .extracting(Alert::sourceIp)
                .containsExactly("10.0.0.11", "10.0.0.10", "10.0.0.9", "10.0.0.8", "10.0.0.7");
    }

    @Test
    void aDroppedStreamMarksItsAgentStaleAndReconnectsAfterAGrowingPause() {
        SecurityViewModel vm = viewModel(1000);
        vm.start();
        clock.set(T0.plusSeconds(30));

        source.opens = false;
        source.stream("edge").drop("the connection broke");

        StreamState edge = state(vm, "edge");
        assertThat(edge.status()).isEqualTo(StreamState.Status.STALE);
        assertThat(edge.since()).isEqualTo(T0.plusSeconds(30));
        assertThat(edge.detail()).isEqualTo("the connection broke; trying again in 1 s");
        assertThat(state(vm, "legacy-1").status()).isEqualTo(StreamState.Status.LIVE);
        assertThat(pauses).extracting(Pause::length).containsExactly(Duration.ofSeconds(1));

        clock.set(T0.plusSeconds(31));
        pauses.removeFirst().action().run(); // the reconnect is refused: still stale, a longer pause
        assertThat(state(vm, "edge").detail()).isEqualTo("connection refused; trying again in 2 s");
        assertThat(state(vm, "edge").since()).isEqualTo(T0.plusSeconds(31));
        assertThat(pauses).extracting(Pause::length).containsExactly(Duration.ofSeconds(2));

        source.opens = true;
        pauses.removeFirst().action().run();
        assertThat(state(vm, "edge").status()).isEqualTo(StreamState.Status.LIVE);
        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.66", 40));
        assertThat(vm.alerts()).hasSize(1);
    }

    @Test
    void stoppingClosesTheStreamsAndDoesNotReconnect() {
        SecurityViewModel vm = viewModel(1000);
        vm.start();
        vm.stop();
        assertThat(source.streams).allMatch(s -> s.closed);
        assertThat(pauses).isEmpty();
        assertThat(vm.streams()).noneMatch(StreamState::stale);
    }

    @Test
    void pausesGrowFromOneSecondToThirty() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 20))
                .extracting(AgentStreams::pause)
                .extracting(Duration::toSeconds)
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void aNewCriticalAlertRaisesANoticeWithAPopupAtMostEveryTenSeconds() {
        SecurityViewModel vm = viewModel(1000);
        vm.start();

        source.stream("edge").send(alert(Kind.SCANNER_PATH, "127.0.0.66", 0));
        assertThat(vm.noticeProperty().get()).isNull();

        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.66", 1));
        SecurityViewModel.Notice first = vm.noticeProperty().get();
        assertThat(first.popup()).isTrue();
        assertThat(first.text()).isEqualTo("unauthenticated write from 127.0.0.66 on route all");

        clock.set(T0.plusSeconds(5));
        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.67", 5));
        assertThat(vm.noticeProperty().get().popup()).isFalse();
        assertThat(vm.noticeProperty().get().alert().sourceIp()).isEqualTo("127.0.0.67");

        clock.set(T0.plusSeconds(11));
        source.stream("edge").send(alert(Kind.UNAUTHENTICATED_WRITE, "127.0.0.67", 11)); // the same line: no notice
        assertThat(vm.noticeProperty().get().alert().count()).isEqualTo(1);
        source.stream("edge").send(alert(Kind.AUTH_FAILURE_BURST, "127.0.0.68", 11));
        assertThat(vm.noticeProperty().get().popup()).isTrue();

        vm.dismissNotice();
        assertThat(vm.noticeProperty().get()).isNull();
    }

    private static StreamState state(SecurityViewModel vm, String agent) {
        return vm.streams().stream()
                .filter(s -> s.agent().equals(agent))
                .findFirst()
                .orElseThrow();
    }

    private static AgentEvent alert(Kind kind, String ip, long second) {
        return new AgentEvent.SecurityAlert(
                SecurityEvent.first(kind, ip, "all", "POST /patients/1/notes", T0.plusSeconds(second)));
    }
}
