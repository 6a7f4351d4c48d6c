package dev.triage.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.lab.LabLoadBalancers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 mid-apply, for real: a child JVM ({@link KilledApplyChild}) shifts a rule on a live lab
 * edge agent that this test runs, parks at a known point inside {@link ChangeApplier#apply}, and is
 * killed with SIGKILL. This process then reads the journal, finds the interrupted change and
 * recovers it, and the edge must hold exactly the weights it had before.
 */
class ChangeApplierKillTest {

    private static final String TOKEN = "kill-test-token-91c4";
    private static final String API_RULE = "lab:rule/edge/api";
    private static final String LISTENER = "lab:listener/edge";
    private static final String LEGACY = "lab:targetgroup/legacy";
    private static final String REPLACEMENT = "lab:targetgroup/replacement";
    private static final long CHILD_BOUND_SECONDS = 120;

    @TempDir
    Path dir;

    private AgentConfig original;
    private AgentServer agent;
    private AdminServer admin;
    private Path describe;
    private Path journalFile;
    private Process child;
    private Path childErr;

    @BeforeEach
    void startTheEdge() throws IOException {
        original = edgeConfig(freePort(), freePort(), freePort());
        agent = AgentServer.start(original);
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        describe = dir.resolve("lab.json");
        int listenerPort = original.listeners().getFirst().port();
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}]}
                """.formatted(listenerPort, listenerPort, admin.port(), TOKEN));
        journalFile = dir.resolve("audit.jsonl");
        childErr = dir.resolve("child.err");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS);
        }
        admin.close();
        agent.close();
    }

    @Test
    void aChildKilledAfterItsWriteTookEffectIsRecoveredToTheExactPreviousWeights() throws Exception {
        startChildAndWaitUntilParked("after-write");
        assertThat(apiWeights(agent.config()))
                .as("the child's ModifyRule reached the edge before it parked")
                .containsExactly(wtg("legacy", 10), wtg("replacement", 90));

        killChild();

        AuditJournal journal = new AuditJournal(journalFile);
        AuditJournal.Read read = journal.read();
        assertThat(read.skipped()).isEmpty();
        assertThat(read.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.phase()).isEqualTo(JournalEntry.Phase.INTENT));
        JournalEntry interrupted = journal.incomplete().getFirst();
        assertThat(interrupted.actor()).isEqualTo("child");
        assertThat(interrupted.before().getFirst().weights())
                .containsExactly(Map.entry(LEGACY, 73), Map.entry(REPLACEMENT, 27));
        assertThat(interrupted.planned().getFirst().weights())
                .containsExactly(Map.entry(LEGACY, 10), Map.entry(REPLACEMENT, 90));

        // A crash while writing a later line leaves a torn tail: the reader reports it and goes on.
        Files.writeString(
                journalFile, "{\"id\":\"torn\",\"phase\":\"FI", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(journal.read().skipped()).singleElement().asString().startsWith("line 2: ");
        assertThat(journal.incomplete()).containsExactly(interrupted);

        try (LabLoadBalancers lab = LabLoadBalancers.open(describe)) {
            ChangeApplier applier = new ChangeApplier(lab, journal);
            assertThatThrownBy(() -> applier.undoLast("parent", "undo"))
                    .as("an interrupted change is recovered, not undone")
                    .isInstanceOf(CoreException.NotFound.class);

            List<JournalEntry> recovered = applier.recover("parent", "after kill -9");

            assertThat(recovered).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(interrupted.id());
                assertThat(e.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
                assertThat(e.detail()).contains("restored 1 rule(s)");
            });
            assertThat(lab.rules(LISTENER).getFirst().action())
                    .isEqualTo(new Forward(
                            List.of(new WeightedTargetGroup(LEGACY, 73), new WeightedTargetGroup(REPLACEMENT, 27)),
                            null));
        }
        assertThat(agent.config())
                .as("the edge's whole config is back as it was")
                .isEqualTo(original);
        AuditJournal.Read after = new AuditJournal(journalFile).read();
        assertThat(after.skipped()).hasSize(1);
        assertThat(after.entries())
                .extracting(JournalEntry::phase)
                .containsExactly(JournalEntry.Phase.INTENT, JournalEntry.Phase.FINAL);
        assertThat(new AuditJournal(journalFile).incomplete()).isEmpty();
    }

    @Test
    void aChildKilledBeforeItsWriteIsRecoveredWithoutTouchingTheEdge() throws Exception {
        startChildAndWaitUntilParked("before-write");
        killChild();

        AuditJournal journal = new AuditJournal(journalFile);
        assertThat(journal.incomplete()).hasSize(1);
        assertThat(agent.config()).isEqualTo(original);
        try (LabLoadBalancers lab = LabLoadBalancers.open(describe)) {
            List<JournalEntry> recovered = new ChangeApplier(lab, journal).recover("parent", "");

            assertThat(recovered).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
                assertThat(e.detail()).contains("before any call took effect");
            });
        }
        assertThat(agent.config()).isEqualTo(original);
        assertThat(journal.incomplete()).isEmpty();
    }

    private void startChildAndWaitUntilParked(String when) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KilledApplyChild.class.getName(),
                describe.toString(),
                journalFile.toString(),
                API_RULE,
                when,
                LEGACY + "=10",
                REPLACEMENT + "=90"));
        child = new ProcessBuilder(command)
                .redirectError(childErr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> parked = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(KilledApplyChild.PARKED)) {
                        return line;
                    }
                }
                return "child ended without parking";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String seen = parked.get(CHILD_BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(seen).as("child stderr: %s", childStderr()).isEqualTo(KilledApplyChild.PARKED);
        assertThat(child.isAlive()).isTrue();
    }

    private void killChild() throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    }

    private String childStderr() {
        try {
            return Files.exists(childErr) ? Files.readString(childErr) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Action.WeightedTargetGroup> apiWeights(AgentConfig config) {
        return config.listeners().getFirst().rules().stream()
                .filter(r -> r.name().equals("api"))
                .findFirst()
                .orElseThrow()
                .action()
                .forward()
                .targetGroups();
    }

    private static Action.WeightedTargetGroup wtg(String name, int weight) {
        return new Action.WeightedTargetGroup(name, weight);
    }

    private static AgentConfig edgeConfig(int listenerPort, int legacyPort, int replacementPort) {
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/api/*"), null)),
                new Action(
                        Action.FORWARD,
                        new Action.Forward(List.of(wtg("legacy", 73), wtg("replacement", 27)), null),
                        null,
                        null),
                RoutePolicy.NONE);
        Listener listener =
                new Listener("edge", "HTTP", "127.0.0.1", listenerPort, List.of(api), Action.forwardTo("legacy"));
        return new AgentConfig(
                "kill-v1",
                List.of(listener),
                List.of(group("legacy", legacyPort), group("replacement", replacementPort)),
                null,
                null);
    }

    private static TargetGroup group(String name, int port) {
        return new TargetGroup(name, List.of(new TargetGroup.Target("127.0.0.1", port)), 1_000, 0, 0, null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
