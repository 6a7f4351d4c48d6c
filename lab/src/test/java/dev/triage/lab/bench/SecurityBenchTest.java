package dev.triage.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.lab.hosp.FailureProfile;
import dev.triage.lab.up.LabTopology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The security scenario end to end in the lab, short and compressed, with HOSP's faults off so
 * every staff request must succeed: the facts that must hold, never how fast.
 */
class SecurityBenchTest {

    private static final String ATTACKER = "127.0.0.66";

    @Test
    void alertNamesTheAttackerAndTheOneClickBlockStopsItAtTheLoadBalancerWhileStaffPass() throws Exception {
        int base = freePortBase();
        SecurityReport report = SecurityBench.run(new SecurityBench.Options(
                4,
                20,
                5,
                0.01,
                7,
                Duration.ZERO,
                FailureProfile.none(),
                "none",
                base + 30,
                base,
                SecurityBench.labSources(InetAddress.getByName(ATTACKER)),
                Duration.ofSeconds(30)));

        assertThat(report.alertDelayMs()).isNotNull().isNotNegative();
        assertThat(report.alert().sourceIp()).isEqualTo(ATTACKER);
        assertThat(report.alert().kind()).isEqualTo("unauthenticated_write");
        assertThat(report.alert().evidence()).contains("POST /patients/").contains("/notes");

        assertThat(report.block().outcome()).isEqualTo("VERIFIED");
        assertThat(report.block().rules()).hasSize(1);
        assertThat(report.block().rules().getFirst().sources()).containsExactly(ATTACKER + "/32");
        assertThat(report.block().rules().getFirst().arn()).startsWith("lab:rule/" + LabTopology.EDGE_LISTENER + "/");

        SecurityReport.Attacker attacker = report.attacker();
        assertThat(attacker.address()).isEqualTo(ATTACKER);
        assertThat(attacker.before()).isPositive();
        // Before the block: refused by the gate (401). A post sent while the block was being applied
        // may already meet the new rule (403): the applier returns only after reading it back.
        assertThat(attacker.beforeStatuses()).containsKey(401);
        assertThat(attacker.beforeStatuses().keySet()).isSubsetOf(401, 403);
        assertThat(attacker.after()).isPositive();
        assertThat(attacker.afterStatuses()).containsExactly(java.util.Map.entry(403, attacker.after()));
        assertThat(attacker.afterNotInLog()).isZero();
        assertThat(attacker.afterAnsweredByBlockRule()).isEqualTo(attacker.after());
        assertThat(attacker.afterReachedUpstream()).isZero();

        SecurityReport.Staff staff = report.staff();
        assertThat(staff.sent()).isPositive();
        assertThat(staff.succeeded()).isEqualTo(staff.sent());
        assertThat(staff.failures()).isEmpty();
        assertThat(staff.successRate()).isEqualTo(1.0);
        assertThat(staff.answeredByBlockRule()).isZero();
        assertThat(staff.peersSeen()).hasSizeGreaterThan(1).allMatch(peer -> peer.matches("127\\.0\\.0\\.(1\\d|2\\d)"));
        assertThat(report.alertsNamingOthers()).isZero();
        assertThat(report.alertsBySource()).containsOnlyKeys(ATTACKER);
        assertThat(report.run().drained()).isTrue();
        assertThat(report.toJson())
                .contains("\"alertDelayMs\"", "\"afterReachedUpstream\"", "\"successRate\"", "\"outcome\"");
        assertThat(report.table()).contains("alert delay", "attacker posts after block", "staff requests");
    }

    @Test
    void refusesAnAttackerThatIsAlsoAStaffDesk() throws Exception {
        InetAddress desk = LiveTraffic.Sources.loopback(LiveTraffic.Sources.FIRST_DESK);
        assertThatThrownBy(() -> new SecurityBench.Options(
                        4,
                        20,
                        5,
                        0.01,
                        7,
                        Duration.ZERO,
                        FailureProfile.none(),
                        "none",
                        18080,
                        19000,
                        SecurityBench.labSources(desk),
                        Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.10 is also a staff address");
    }

    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LabTopology.HOST))) {
                base = probe.getLocalPort();
            }
            if (base <= 65_000 && allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports found");
    }

    private static boolean allFree(int base) {
        for (int port : List.of(base, base + 1, base + 10, base + 11, base + 20, base + 21, base + 22, base + 30)) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LabTopology.HOST))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
