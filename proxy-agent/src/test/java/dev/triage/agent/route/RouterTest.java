package dev.triage.agent.route;

import static dev.triage.agent.route.Requests.condition;
import static dev.triage.agent.route.Requests.get;
import static dev.triage.agent.route.Requests.request;
import static dev.triage.agent.route.Requests.router;
import static dev.triage.agent.route.Requests.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.gate.Gate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Condition anyPath = condition(Condition.PATH_PATTERN, "*");

    @Test
    void evaluatesLowerPriorityFirstWhateverTheListOrder() {
        Router router = router(
                rule("catch-all", 900, anyPath),
                rule("notes", 10, condition(Condition.PATH_PATTERN, "/patients/*/notes")),
                rule("patients", 20, condition(Condition.PATH_PATTERN, "/patients/*")));

        assertThat(router.match(get("/patients/3/notes")).name()).isEqualTo("notes");
        assertThat(router.match(get("/patients/3")).name()).isEqualTo("patients");
        assertThat(router.match(get("/hospitals")).name()).isEqualTo("catch-all");
        assertThat(router.routes())
                .extracting(RouteMatch::name)
                .containsExactly("notes", "patients", "catch-all", "default");
    }

    @Test
    void fallsBackToTheDefaultActionWhenNoRuleMatches() {
        Router router = router(rule("notes", 1, condition(Condition.PATH_PATTERN, "/notes")));

        RouteMatch match = router.match(get("/hospitals"));

        assertThat(match.name()).isEqualTo(Router.DEFAULT_ROUTE);
        assertThat(match.isDefault()).isTrue();
        assertThat(match.policy()).isEqualTo(RoutePolicy.NONE);
        assertThat(match.gate()).isSameAs(Gate.OPEN);
        assertThat(((RouteAction.Forward) match.action()).targetGroups()).containsExactly("fallback");
    }

    @Test
    void requiresEveryConditionOfARule() {
        Router router = router(rule(
                "hosp-writes",
                1,
                condition(Condition.PATH_PATTERN, "/patients/*"),
                condition(Condition.HTTP_REQUEST_METHOD, "POST"),
                condition(Condition.HOST_HEADER, "hosp.example")));

        assertThat(router.match(request("POST", "/patients/1", "10.0.0.1", "Host", "hosp.example"))
                        .name())
                .isEqualTo("hosp-writes");
        assertThat(router.match(request("GET", "/patients/1", "10.0.0.1", "Host", "hosp.example"))
                        .isDefault())
                .isTrue();
        assertThat(router.match(request("POST", "/patients/1", "10.0.0.1", "Host", "other.example"))
                        .isDefault())
                .isTrue();
        assertThat(router.match(request("POST", "/staffs/1", "10.0.0.1", "Host", "hosp.example"))
                        .isDefault())
                .isTrue();
    }

    @Test
    void acceptsAnyValueInsideOneCondition() {
        Router router = router(rule("reads", 1, condition(Condition.HTTP_REQUEST_METHOD, "GET", "HEAD")));

        assertThat(router.match(request("HEAD", "/", "10.0.0.1")).name()).isEqualTo("reads");
        assertThat(router.match(request("GET", "/", "10.0.0.1")).name()).isEqualTo("reads");
        assertThat(router.match(request("PUT", "/", "10.0.0.1")).isDefault()).isTrue();
    }

    @Test
    void returnsTheRulesPolicyAndItsCompiledGate() {
        RoutePolicy policy = new RoutePolicy(null, null, null, new GatePolicy(null, true, 0, List.of()));
        Rule rule = new Rule("guarded", 1, List.of(anyPath), Action.forwardTo("tg"), policy);
        Router router = Router.compile(new Listener("web", null, null, 80, List.of(rule), Action.forwardTo("tg")));

        RouteMatch match = router.match(get("/x"));

        assertThat(match.policy()).isSameAs(policy);
        assertThat(match.gate().admit(get("/x"))).isPresent();
        assertThat(router.match(get("/y"))).as("matches are precomputed").isSameAs(match);
    }

    @Test
    void rejectsDuplicatePrioritiesAndAMissingDefault() {
        assertThatThrownBy(() -> router(rule("a", 5, anyPath), rule("b", 5, anyPath)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules[1].priority: 5 is also rule a's");
        assertThatThrownBy(() -> Router.compile(new Listener("web", null, null, 80, List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listener web: defaultAction: null");
    }

    @Test
    void reportsAnImpossibleGateWithTheRuleField() {
        RoutePolicy policy = new RoutePolicy(null, null, null, new GatePolicy(null, false, -1, null));
        Rule rule = new Rule("upload", 1, List.of(anyPath), Action.forwardTo("tg"), policy);

        assertThatThrownBy(() ->
                        Router.compile(new Listener("web", null, null, 80, List.of(rule), Action.forwardTo("tg"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules[upload].policy.gates.maxBodyBytes: -1");
    }
}
