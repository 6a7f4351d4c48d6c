package dev.triage.core.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.admin.AdminServer;
import dev.triage.agent.admin.AdminToken;
import dev.triage.agent.api.config.AccessLog;
import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.server.AgentServer;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.LoadBalancerAttributes;
import dev.triage.core.domain.LoadBalancerAttributes.AccessLogging;
import dev.triage.core.domain.LoadBalancerAttributes.Setting;
import dev.triage.core.security.PostureCheck;
import dev.triage.core.security.PostureChecks;
import dev.triage.core.security.PostureResult;
import dev.triage.core.security.PostureResult.Outcome;
import dev.triage.core.security.Remediation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab adapter's attributes and the posture checks over a live edge agent on loopback sockets. */
class LabPostureTest {

    private static final String WEAK_TOKEN = "lab-posture-token-7f3c";
    private static final String STRONG_TOKEN = "Xk2Lr9Qm4Tz7Wv1Bp8Nd3Hs6Fg0Jc5YaEuRtOiPlMnKbVqZ"; // made up, 48 chars

    @TempDir
    Path dir;

    private AgentServer agent;
    private AdminServer admin;
    private LabLoadBalancers lab;
    private LabDescription description;

    private void start(AccessLog accessLog, String token) throws IOException {
        int port = LiveEdge.freePort();
        int upstream = LiveEdge.freePort();
        Rule notes = new Rule(
                "notes",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/notes*"), null)),
                Action.forwardTo("legacy"),
                new RoutePolicy(
                        null,
                        null,
                        null,
                        new GatePolicy(
                                new GatePolicy.RequiredHeader("X-Origin-Verify", List.of("v1-secret")),
                                false,
                                0,
                                null)));
        Rule open = new Rule(
                "hospitals",
                20,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/hospitals*"), null)),
                Action.forwardTo("legacy"),
                RoutePolicy.NONE);
        AgentConfig config = new AgentConfig(
                "posture-v1",
                List.of(new Listener(
                        "edge", "HTTP", "127.0.0.1", port, List.of(notes, open), Action.forwardTo("legacy"))),
                List.of(new TargetGroup(
                        "legacy", List.of(new TargetGroup.Target("127.0.0.1", upstream)), 1_000, 0, 0, null)),
                null,
                accessLog);
        agent = AgentServer.start(config);
        admin = AdminServer.start(
                agent, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AdminToken.of(token), null);
        Path describe = dir.resolve("lab.json");
        Files.writeString(describe, """
                {"loadBalancer": "http://127.0.0.1:%d",
                 "agents": [{"name": "edge", "role": "edge", "traffic": "http://127.0.0.1:%d", \
                "admin": "http://127.0.0.1:%d", "token": "%s"}]}
                """.formatted(port, port, admin.port(), token));
        description = LabDescription.read(describe);
        lab = LabLoadBalancers.open(describe);
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private List<PostureResult> run(PostureCheck check) {
        return PostureChecks.over(lab)
                .gates(lab::requiredHeaders)
                .agents(LabFleet.agents(description))
                .build()
                .run()
                .stream()
                .filter(r -> r.check() == check)
                .toList();
    }

    @Test
    void attributesAreTheEdgesAccessLogAndEverythingElseIsNotApplicable() throws IOException {
        Path log = dir.resolve("edge-access.log");
        start(new AccessLog(true, log.toString()), STRONG_TOKEN);

        LoadBalancerAttributes attributes = lab.loadBalancerAttributes(lab.loadBalancerArn());

        assertThat(attributes.accessLogs()).isEqualTo(Setting.known(new AccessLogging(true, log.toString())));
        assertThat(attributes.raw())
                .containsEntry("accessLog.enabled", "true")
                .containsEntry("accessLog.path", log.toString());
        for (Setting<?> setting : List.of(
                attributes.deletionProtection(),
                attributes.idleTimeout(),
                attributes.dropInvalidHeaderFields(),
                attributes.desyncMitigationMode(),
                attributes.tlsVersionAndCipherSuiteHeaders(),
                attributes.http2(),
                attributes.wafFailOpen())) {
            assertThat(setting).isInstanceOf(Setting.NotApplicable.class);
        }
        assertThat(run(PostureCheck.ACCESS_LOGS_OFF).getFirst().outcome()).isEqualTo(Outcome.PASS);
        assertThat(run(PostureCheck.INVALID_HEADERS_NOT_DROPPED).getFirst().outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(run(PostureCheck.DESYNC_MITIGATION_WEAK).getFirst().reason())
                .isEqualTo("the edge agent has no desync mitigation mode setting");
    }

    @Test
    void anEdgeWithoutAnAccessLogFailsWithTheEnableFix() throws IOException {
        start(AccessLog.OFF, STRONG_TOKEN);

        assertThat(lab.loadBalancerAttributes(lab.loadBalancerArn()).accessLogs())
                .isEqualTo(Setting.known(new AccessLogging(false, null)));
        PostureResult result = run(PostureCheck.ACCESS_LOGS_OFF).getFirst();
        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.fix().kind()).isEqualTo(Remediation.Kind.ENABLE_ACCESS_LOGS);
        assertThat(result.fix().parameters()).containsEntry(Remediation.LOAD_BALANCER, "lab:loadbalancer/edge");
    }

    @Test
    void theEdgesHeaderGateCountsAndTheUngatedRulesAreNamed() throws IOException {
        start(AccessLog.OFF, STRONG_TOKEN);

        assertThat(lab.requiredHeaders("lab:listener/edge"))
                .isEqualTo(Map.of("lab:rule/edge/notes", "X-Origin-Verify"));
        PostureResult result = run(PostureCheck.CDN_HEADER_NOT_REQUIRED).getFirst();
        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.reason()).contains("(rule 20, the default rule)").doesNotContain("rule 10");
        assertThat(result.fix().parameters())
                .containsEntry(Remediation.RULES, "lab:rule/edge/hospitals,lab:rule/edge/default");
    }

    @Test
    void gatingEveryForwardingRuleAndAFixed403DefaultPasses() throws IOException {
        start(AccessLog.OFF, STRONG_TOKEN);
        lab.deleteRule("lab:rule/edge/hospitals");
        lab.modifyRule("lab:rule/edge/default", List.of(), List.of(new FixedResponse(403, "text/plain", "no")));

        assertThat(run(PostureCheck.CDN_HEADER_NOT_REQUIRED).getFirst().outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void theLabsHttpOnlyListenerFailsTheRedirectCheckWithoutAFix() throws IOException {
        start(AccessLog.OFF, STRONG_TOKEN);

        PostureResult result = run(PostureCheck.HTTP_WITHOUT_REDIRECT).getFirst();

        assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result.fix()).isNull();
        assertThat(run(PostureCheck.SSL_POLICY_NOT_CURRENT)).isEmpty();
    }

    @Test
    void theEdgesAdminTokenIsJudged() throws IOException {
        start(AccessLog.OFF, WEAK_TOKEN);

        PostureResult weak = run(PostureCheck.AGENT_TOKEN_WEAK).getFirst();

        assertThat(weak.resource()).isEqualTo("edge");
        assertThat(weak.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(weak.toString()).doesNotContain(WEAK_TOKEN);
    }

    @Test
    void aStrongLoopbackTokenPasses() throws IOException {
        start(AccessLog.OFF, STRONG_TOKEN);

        assertThat(run(PostureCheck.AGENT_TOKEN_WEAK).getFirst().outcome()).isEqualTo(Outcome.PASS);
    }
}
