package dev.triage.core.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Detection;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab adapter against a real edge agent and its admin server, over loopback sockets. */
class LabLoadBalancersTest {

    private static final String TOKEN = "lab-edge-token-7c1d";
    private static final String LB = "lab:loadbalancer/edge";
    private static final String LISTENER = "lab:listener/edge";
    private static final String API_RULE = "lab:rule/edge/api";
    private static final String DEFAULT_RULE = "lab:rule/edge/default";
    private static final String LEGACY = "lab:targetgroup/legacy";
    private static final String REPLACEMENT = "lab:targetgroup/replacement";

    @TempDir
    Path dir;

    private final int listenerPort = freePort();
    private final int legacyPort = freePort();
    private final int replacementPort = freePort();
    private AgentServer agent;
    private AdminServer admin;
    private AgentClient client;
    private AgentEndpoint endpoint;
    private LabLoadBalancers lab;

    @BeforeEach
    void start() throws IOException {
        agent = AgentServer.start(edgeConfig(100, 0));
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(TOKEN), null);
        client = AgentClient.create();
        endpoint = new AgentEndpoint("edge", URI.create("http://127.0.0.1:" + admin.port()), TOKEN);
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [
                   {"name": "node-1", "role": "node", "traffic": "http://127.0.0.1:1", \
                "admin": "http://127.0.0.1:2", "token": "other"},
                   {"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}],
                 "hosp": "http://127.0.0.1:3", "staff": []}
                """.formatted(listenerPort, listenerPort, admin.port(), TOKEN));
        lab = LabLoadBalancers.open(describe);
    }

    @AfterEach
    void stop() {
        lab.close();
        client.close();
        admin.close();
        agent.close();
    }

    @Test
    void readsTheEdgeAsOneLoadBalancerWithItsListenersRulesAndTargetGroups() {
        List<LoadBalancer> lbs = lab.loadBalancers();
        assertThat(lbs).singleElement().satisfies(lb -> {
            assertThat(lb.arn()).isEqualTo(LB);
            assertThat(lb.name()).isEqualTo("edge");
            assertThat(lb.dnsName()).isEqualTo("127.0.0.1:" + listenerPort);
        });

        assertThat(lab.listeners(LB)).singleElement().satisfies(listener -> {
            assertThat(listener.arn()).isEqualTo(LISTENER);
            assertThat(listener.protocol()).isEqualTo(Protocol.HTTP);
            assertThat(listener.port()).isEqualTo(listenerPort);
            assertThat(listener.defaultAction()).isEqualTo(Forward.to(LEGACY));
        });

        var rules = lab.rules(LISTENER);
        assertThat(rules).extracting(r -> r.arn()).containsExactly(API_RULE, DEFAULT_RULE);
        assertThat(rules.getFirst().priority()).isEqualTo(RulePriority.of(10));
        assertThat(rules.getFirst().conditions()).containsExactly(PathPattern.of("/api/*"));
        assertThat(rules.getFirst().action()).isEqualTo(split(100, 0));
        assertThat(rules.getLast().isDefault()).isTrue();
        assertThat(rules.getLast().conditions()).isEmpty();

        assertThat(lab.targetGroups(LB))
                .extracting(tg -> tg.arn(), tg -> tg.name(), tg -> tg.port())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LEGACY, "legacy", legacyPort),
                        org.assertj.core.groups.Tuple.tuple(REPLACEMENT, "replacement", replacementPort));
        assertThat(lab.targetHealth(REPLACEMENT))
                .extracting(TargetHealth::address)
                .containsExactly("127.0.0.1:" + replacementPort);
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThatThrownBy(() -> lab.listeners("lab:loadbalancer/other")).isInstanceOf(CoreException.NotFound.class);
        assertThatThrownBy(() -> lab.rules("lab:listener/other")).isInstanceOf(CoreException.NotFound.class);
        assertThatThrownBy(() -> lab.targetHealth("lab:targetgroup/other")).isInstanceOf(CoreException.NotFound.class);
        assertThatThrownBy(() ->
                        lab.modifyRule("lab:rule/edge/other", List.of(PathPattern.of("/x")), List.of(split(1, 1))))
                .isInstanceOf(CoreException.NotFound.class);
    }

    @Test
    void shiftAppliesToTheEdgeAndUndoRestoresTheExactWeights() {
        AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
        ChangeApplier applier = new ChangeApplier(lab, journal);
        ChangePlan plan = new ChangePlanner(lab).shiftWeights(API_RULE, Map.of(LEGACY, 90, REPLACEMENT, 10));

        AuditEntry applied = applier.apply(plan, "tester", "canary");

        assertThat(applied.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(edgeWeights()).containsExactly(wtg("legacy", 90), wtg("replacement", 10));
        assertThat(agent.config().listeners().getFirst().defaultAction()).isEqualTo(Action.forwardTo("legacy"));

        AuditEntry undone = applier.undoLast("tester", "back");

        assertThat(undone.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(edgeWeights()).containsExactly(wtg("legacy", 100), wtg("replacement", 0));
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));
    }

    @Test
    void applyRefusesWithDriftWhenTheEdgeChangedSinceThePlan() {
        ChangeApplier applier = new ChangeApplier(lab, new AuditJournal(dir.resolve("journal.jsonl")));
        ChangePlan plan = new ChangePlanner(lab).shiftWeights(API_RULE, Map.of(LEGACY, 90, REPLACEMENT, 10));
        VersionedConfig running = client.config(endpoint).join();
        client.pushConfig(endpoint, edgeConfig(50, 50), running.etag()).join();

        assertThatThrownBy(() -> applier.apply(plan, "tester", "canary"))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("changed since the plan was made");
        assertThat(edgeWeights()).containsExactly(wtg("legacy", 50), wtg("replacement", 50));
    }

    @Test
    void modifyRuleMapsConditionsAndTheDefaultActionBackIntoTheAgentConfig() {
        var changed = lab.modifyRule(API_RULE, List.of(PathPattern.of("/v2/*")), List.of(split(3, 1)));

        assertThat(changed.conditions()).containsExactly(PathPattern.of("/v2/*"));
        Rule api = agent.config().listeners().getFirst().rules().getFirst();
        assertThat(api.conditions())
                .containsExactly(new Condition(Condition.PATH_PATTERN, null, List.of("/v2/*"), null));
        assertThat(api.action().forward().targetGroups()).containsExactly(wtg("legacy", 3), wtg("replacement", 1));

        var fixed = new FixedResponse(503, "text/plain", "down");
        lab.modifyRule(DEFAULT_RULE, List.of(), List.of(fixed));

        assertThat(agent.config().listeners().getFirst().defaultAction())
                .isEqualTo(Action.fixed(503, "text/plain", "down"));
        assertThat(lab.rules(LISTENER).getLast().action()).isEqualTo(fixed);
    }

    @Test
    void refusesWhatItCannotMapAndChangesNothing() {
        AgentConfig before = agent.config();

        assertThatThrownBy(() -> lab.modifyRule(
                        API_RULE,
                        List.of(PathPattern.of("/api/*")),
                        List.of(new Forward(List.of(new WeightedTargetGroup("lab:targetgroup/nope", 1)), null))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("lab:targetgroup/nope");
        assertThatThrownBy(() -> lab.modifyRule(DEFAULT_RULE, List.of(PathPattern.of("/x")), List.of(split(1, 0))))
                .isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> lab.modifyListener(LISTENER, List.of(split(1, 0)), null, null))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(LabLoadBalancers.UNSUPPORTED);
        assertThat(agent.config()).isEqualTo(before);
    }

    @Test
    void ruleLifecycleWritesLandInTheEdgeConfig() {
        var created = lab.createRule(
                LISTENER, RulePriority.of(5), List.of(PathPattern.of("/v2/*")), List.of(Forward.to(REPLACEMENT)));

        assertThat(created.arn()).isEqualTo("lab:rule/edge/rule-5");
        Rule stored = agent.config().listeners().getFirst().rules().getLast();
        assertThat(stored.name()).isEqualTo("rule-5");
        assertThat(stored.priority()).isEqualTo(5);
        assertThat(stored.policy()).isEqualTo(RoutePolicy.NONE);
        assertThat(stored.action()).isEqualTo(Action.forwardTo("replacement"));

        lab.setRulePriorities(Map.of(created.arn(), RulePriority.of(50)));
        assertThat(agent.config().listeners().getFirst().rules().getLast().priority())
                .isEqualTo(50);

        lab.deleteRule(created.arn());
        assertThat(agent.config()).isEqualTo(edgeConfig(100, 0));
    }

    @Test
    void aWrongTokenIsDenied() throws IOException {
        Path describe = dir.resolve("wrong.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:1",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:1", \
                "admin": "http://127.0.0.1:%d", "token": "wrong"}]}
                """.formatted(admin.port()));
        try (LabLoadBalancers wrong = LabLoadBalancers.open(describe)) {
            assertThatThrownBy(() -> wrong.listeners(LB)).isInstanceOf(CoreException.Denied.class);
        }
    }

    @Test
    void aDescriptionWithoutAnEdgeIsInvalid() throws IOException {
        Path describe = dir.resolve("no-edge.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:1", "agents": []}
                """);
        assertThatThrownBy(() -> LabDescription.read(describe))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("role edge");
    }

    private List<Action.WeightedTargetGroup> edgeWeights() {
        AgentConfig config = client.config(endpoint).join().config();
        return config.listeners()
                .getFirst()
                .rules()
                .getFirst()
                .action()
                .forward()
                .targetGroups();
    }

    private static Action.WeightedTargetGroup wtg(String name, int weight) {
        return new Action.WeightedTargetGroup(name, weight);
    }

    private static Forward split(int legacy, int replacement) {
        return new Forward(
                List.of(new WeightedTargetGroup(LEGACY, legacy), new WeightedTargetGroup(REPLACEMENT, replacement)),
                null);
    }

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
                null,
                // not the default, so a write that rebuilt the config without it would show
                new Detection(true, List.of("10.0.0.0/8"), 500, null, null, null, null));
    }

    private static TargetGroup group(String name, int port) {
        return new TargetGroup(name, List.of(new TargetGroup.Target("127.0.0.1", port)), 1_000, 0, 0, null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
