package dev.triage.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The triage command line in-process against a real edge agent and its admin server over loopback. */
class TriageCommandLineTest {

    private static final String TOKEN = "cli-edge-token-3f9a";
    private static final String API_RULE = "lab:rule/edge/api";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final int listenerPort = freePort();
    private final int legacyPort = freePort();
    private final int replacementPort = freePort();
    private AgentServer agent;
    private AdminServer admin;
    private Path describe;
    private Path journal;

    @BeforeEach
    void start() throws IOException {
        agent = AgentServer.start(edgeConfig(100, 0));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        describe = dir.resolve("lab.json");
        journal = dir.resolve("journal.jsonl");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [
                   {"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}],
                 "hosp": "http://127.0.0.1:3", "staff": []}
                """.formatted(listenerPort, listenerPort, admin.port(), TOKEN));
    }

    @AfterEach
    void stop() {
        admin.close();
        agent.close();
    }

    @Test
    void lbListJsonListsTheRuleWithItsWeightsByTargetGroupName() throws IOException {
        Run run = triage("", "lb", "list", "--json");

        assertThat(run.code).as(run.err).isZero();
        JsonNode rules = JSON.readTree(run.out)
                .path("loadBalancers")
                .get(0)
                .path("listeners")
                .get(0)
                .path("rules");
        JsonNode api = rules.get(0);
        assertThat(api.path("arn").asText()).isEqualTo(API_RULE);
        assertThat(api.path("priority").asText()).isEqualTo("10");
        assertThat(api.path("weights").path("legacy").asInt()).isEqualTo(100);
        assertThat(api.path("weights").path("replacement").asInt()).isEqualTo(0);
        assertThat(api.path("weights").has("replacement")).isTrue();
    }

    @Test
    void versionNamesTheProduct() {
        Run run = triage("", "--version");

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("triage ").doesNotContain("null");
    }

    @Test
    void lbListTextNamesTheRuleAndWeights() {
        Run run = triage("", "lb", "list");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains(API_RULE).contains("legacy=100, replacement=0");
    }

    @Test
    void shiftWithOneWeightChangesOnlyThatWeightSoLegacyStaysAt100() {
        Run run = triage("", "shift", "--rule", API_RULE, "--weight", "replacement=10", "--yes");

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("VERIFIED");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 10));
    }

    @Test
    void shiftBothWeightsThenUndoRestoresTheExactPreviousWeightsAndHistoryListsBoth() throws IOException {
        Run shift =
                triage("", "shift", "--rule", API_RULE, "--weight", "legacy=90", "--weight", "replacement=10", "--yes");
        assertThat(shift.code).as(shift.err).isZero();
        assertThat(agent.config()).isEqualTo(edgeConfig(90, 10));

        Run undo = triage("", "undo", "--yes");
        assertThat(undo.code).as(undo.err).isZero();
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));

        Run history = triage("", "history", "--json");
        assertThat(history.code).as(history.err).isZero();
        JsonNode entries = JSON.readTree(history.out).path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("outcome").asText()).isEqualTo("VERIFIED");
        assertThat(entries.get(1).path("outcome").asText()).isEqualTo("VERIFIED");
        assertThat(entries.get(1).path("after").get(0).path("weights").toString())
                .contains("100")
                .contains("0");
    }

    @Test
    void historyAndUndoNameABlockRuleByItsTitleAndUndoDeletesIt() {
        try (dev.triage.agent.client.AgentClient client = dev.triage.agent.client.AgentClient.create();
                dev.triage.core.lab.LabLoadBalancers lbs = new dev.triage.core.lab.LabLoadBalancers(
                        dev.triage.core.lab.LabDescription.read(describe), client)) {
            var plan = new dev.triage.core.change.ChangePlanner(lbs)
                    .blockSources("lab:listener/edge", List.of("203.0.113.7"), "unauthenticated writes");
            var entry = new dev.triage.core.change.ChangeApplier(lbs, new dev.triage.core.change.AuditJournal(journal))
                    .apply(plan, "oncall", "security alert");
            assertThat(entry.outcome().name()).isEqualTo("VERIFIED");
        }

        Run history = triage("", "history");
        assertThat(history.code).as(history.err).isZero();
        assertThat(history.out)
                .contains(
                        "block 203.0.113.7/32 on listener lab:listener/edge: unauthenticated writes (created lab:rule/")
                .doesNotContain("- -> -");

        Run declined = triage("n\n", "undo");
        assertThat(declined.out).contains("undo block 203.0.113.7/32").contains(": delete lab:rule/edge/");
        assertThat(agent.config().listeners().getFirst().rules()).hasSize(2);

        Run undo = triage("", "undo", "--yes");
        assertThat(undo.code).as(undo.err).isZero();
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));
    }

    @Test
    void aShiftWhoseFinalJournalLineNeverLandedBlocksTheNextChangeUntilRecoverSetsItBack() throws IOException {
        Run shift =
                triage("", "shift", "--rule", API_RULE, "--weight", "legacy=90", "--weight", "replacement=10", "--yes");
        assertThat(shift.code).as(shift.err).isZero();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(2);
        Files.writeString(journal, lines.getFirst() + "\n"); // killed after the calls, before the final line

        Run blocked = triage("", "shift", "--rule", API_RULE, "--weight", "replacement=50", "--yes");
        assertThat(blocked.code).isEqualTo(1);
        assertThat(blocked.err).contains("was interrupted").contains("triage recover");
        assertThat(agent.config()).isEqualTo(edgeConfig(90, 10));

        Run asked = triage("n\n", "recover");
        assertThat(asked.code).isEqualTo(1);
        assertThat(asked.out).contains("interrupted:").contains("legacy=100");
        assertThat(agent.config()).isEqualTo(edgeConfig(90, 10));

        Run recover = triage("", "recover", "--yes", "--json");
        assertThat(recover.code).as(recover.err).isZero();
        assertThat(JSON.readTree(recover.out)
                        .path("recovered")
                        .get(0)
                        .path("outcome")
                        .asText())
                .isEqualTo("FAILED_RESTORED");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));

        Run again = triage("", "recover", "--yes");
        assertThat(again.code).isZero();
        assertThat(again.out).contains("nothing to recover");
    }

    @Test
    void shiftByTargetGroupArnWorksLikeByNameAndPrintsTheOutcomeAsJson() throws IOException {
        Run run =
                triage("", "shift", "--rule", API_RULE, "--weight", "lab:targetgroup/replacement=5", "--yes", "--json");

        assertThat(run.code).as(run.err).isZero();
        assertThat(JSON.readTree(run.out).path("outcome").asText()).isEqualTo("VERIFIED");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 5));
    }

    @Test
    void shiftWithoutYesPrintsThePlanAndAppliesOnlyWhenAnsweredYes() {
        Run declined = triage("n\n", "shift", "--rule", API_RULE, "--weight", "replacement=10");
        assertThat(declined.code).isEqualTo(1);
        assertThat(declined.out).contains("apply? [y/N]");
        assertThat(declined.err).contains("not applied");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));

        Run accepted = triage("y\n", "shift", "--rule", API_RULE, "--weight", "replacement=10");
        assertThat(accepted.code).as(accepted.err).isZero();
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 10));
    }

    @Test
    void aWeightOutOfRangeIsRefusedWithTheValidationMessage() {
        Run run = triage("", "shift", "--rule", API_RULE, "--weight", "replacement=1200", "--yes");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("1200").contains("0..999");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));
    }

    @Test
    void anUnknownTargetGroupIsRefusedNamingTheKnownOnes() {
        Run run = triage("", "shift", "--rule", API_RULE, "--weight", "canary=10", "--yes");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("canary").contains("legacy").contains("replacement");
    }

    @Test
    void missingRuleIsBadUsage() {
        Run run = triage("", "shift", "--weight", "replacement=10", "--yes");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--rule");
    }

    @Test
    void undoOfTheLoadBalancerPartOfARecordedHeaderRequirementIsRefusedPointingToTheSecurityScreen()
            throws IOException {
        Run shift = triage("", "shift", "--rule", API_RULE, "--weight", "replacement=10", "--yes");
        assertThat(shift.code).as(shift.err).isZero();
        String id =
                JSON.readTree(Files.readAllLines(journal).getLast()).path("id").asText();
        assertThat(id).isNotEmpty();
        // as CdnHeaderRequirement records a requirement whose load balancer part is that entry
        Files.writeString(dir.resolve("cdn-header-requirements.json"), """
                {"version": 1, "requirements": [{"id": "%s", "listener": "lab:listener/edge", \
                "header": "X-Origin-Verify", "loadBalancerEntry": "%s", "gated": {"edge": ["api"]}, \
                "updated": "2026-11-22T10:00:00Z"}]}
                """.formatted(id, id));

        Run undo = triage("", "undo", "--yes");

        assertThat(undo.code).isEqualTo(1);
        assertThat(undo.err)
                .contains("load balancer part of \"require X-Origin-Verify\"")
                .contains("security screen");
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 10));
    }

    @Test
    void undoWithAnEmptyJournalIsRefused() {
        Run run = triage("", "undo", "--yes");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("nothing to undo");
    }

    @Test
    void certsListAgainstTheLabSaysTheLabHasNoCertificateStore() {
        Run run = triage("", "certs", "list");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("the lab has no certificate store");
        assertThat(run.out).isEmpty();
    }

    private Run triage(String stdin, String... args) {
        CommandLine line = Triage.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--lab", describe.toString(), "--journal", journal.toString()));
        all.addAll(List.of(args));
        int code = line.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}

    private AgentConfig edgeConfig(int legacy, int replacement) {
        Rule api = new Rule(
                "api",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/api/*"), null)),
                new Action(
                        Action.FORWARD,
                        new Action.Forward(List.of(wtg("legacy", legacy), wtg("replacement", replacement)), null),
                        null,
                        null),
                RoutePolicy.NONE);
        Listener listener =
                new Listener("edge", "HTTP", "127.0.0.1", listenerPort, List.of(api), Action.forwardTo("legacy"));
        return new AgentConfig(
                "edge-v1",
                List.of(listener),
                List.of(group("legacy", legacyPort), group("replacement", replacementPort)),
                null,
                null);
    }

    private static Action.WeightedTargetGroup wtg(String name, int weight) {
        return new Action.WeightedTargetGroup(name, weight);
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
