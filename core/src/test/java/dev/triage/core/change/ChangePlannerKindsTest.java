package dev.triage.core.change;

import static dev.triage.core.domain.Samples.HTTP_LISTENER;
import static dev.triage.core.domain.Samples.LB;
import static dev.triage.core.domain.Samples.LEGACY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.port.InMemoryLoadBalancers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's editor, TLS and remediation plans: what they plan, what they refuse, how they read. */
class ChangePlannerKindsTest {

    private static final FixedResponse FORBIDDEN = new FixedResponse(403, "text/plain", "Forbidden");
    private static final String OLD_POLICY = "ELBSecurityPolicy-2016-08";

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = Fixture.seeded()
            .add(new SslPolicy(Samples.POLICY, List.of("TLSv1.2", "TLSv1.3"), List.of()))
            .add(new SslPolicy(OLD_POLICY, List.of("TLSv1", "TLSv1.1", "TLSv1.2"), List.of()));
    private final AtomicInteger ids = new AtomicInteger();
    private final ChangePlanner planner = new ChangePlanner(lbs, () -> "plan-" + ids.incrementAndGet());
    private final Rule api = Fixture.createRule(lbs, 10, "/api/*", 100, 0);

    // ------------------------------------------------------------------ blockSources

    @Test
    void blockSourcesPutsAtMostThreeSourcesInARuleAtTheFirstFreePrioritiesAboveServingRules() {
        List<String> sources = List.of(
                "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6", "10.0.0.0/8");

        ChangePlan plan = planner.blockSources(HTTP_LISTENER, sources, "scanner\nburst");

        assertThat(plan.before()).isEmpty();
        assertThat(plan.after())
                .hasSize(3)
                .allSatisfy(r -> assertThat(((Rule) r).actions()).containsExactly(FORBIDDEN));
        assertThat(plan.after()).extracting(r -> ((Rule) r).priority().text()).containsExactly("1", "2", "3");
        assertThat(((Rule) plan.after().get(0)).conditions())
                .containsExactly(SourceIp.of("203.0.113.1/32", "203.0.113.2/32", "203.0.113.3/32"));
        assertThat(((Rule) plan.after().get(2)).conditions()).containsExactly(SourceIp.of("10.0.0.0/8"));
        assertThat(plan.calls()).extracting(ApiCall::operation).containsOnly("CreateRule");
        assertThat(plan.title()).endsWith(": scanner burst").doesNotContain("\n");
    }

    @Test
    void blockSourcesLeavesOutWhatAnEarlierBlockHoldsAndGoesBelowIt() {
        lbs.createRule(HTTP_LISTENER, RulePriority.of(1), List.of(SourceIp.of("203.0.113.1/32")), List.of(FORBIDDEN));

        ChangePlan plan = planner.blockSources(HTTP_LISTENER, List.of("203.0.113.1", "203.0.113.2"), "");

        assertThat(plan.after()).singleElement().satisfies(r -> {
            assertThat(((Rule) r).priority()).isEqualTo(RulePriority.of(2));
            assertThat(((Rule) r).conditions()).containsExactly(SourceIp.of("203.0.113.2/32"));
        });
        assertThatThrownBy(() -> planner.blockSources(HTTP_LISTENER, List.of("203.0.113.1/32"), ""))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: some not blocked already");
    }

    @Test
    void blockSourcesRefusesWhenNoPriorityIsFreeAboveTheFirstServingRule() {
        Rule top = Fixture.createRule(lbs, 1, "/top/*", 100, 0);

        assertThatThrownBy(() -> planner.blockSources(HTTP_LISTENER, List.of("203.0.113.9"), ""))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("free priorities above rule 1 (" + top.arn() + "): 0 (expected: 1");
    }

    @Test
    void blockSourcesNamesEverySourceThatIsNotAnAddress() {
        assertThatThrownBy(
                        () -> planner.blockSources(HTTP_LISTENER, List.of("10.0.0.300", "host.example", "1.2.3.4"), ""))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("source: '10.0.0.300'")
                .hasMessageContaining("source: 'host.example'")
                .hasMessageNotContaining("1.2.3.4");
    }

    // ------------------------------------------------------------------ requireHeader

    @Test
    void requireHeaderGuardsForwardRulesOnlyAndKeepsTheDefaultForRequestsWithTheHeader() {
        Rule redirect = lbs.createRule(
                HTTP_LISTENER, RulePriority.of(5), List.of(PathPattern.of("/old/*")), List.of(Redirect.toHttps()));
        Rule guarded = lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(20),
                List.of(PathPattern.of("/x/*"), new HttpHeader("x-cdn-secret", List.of("other"))),
                List.of(Forward.to(LEGACY)));

        ChangePlan plan = planner.requireHeader(HTTP_LISTENER, "X-Cdn-Secret", List.of("s3cret"));

        HttpHeader cdn = new HttpHeader("X-Cdn-Secret", List.of("s3cret"));
        assertThat(plan.before()).extracting(Resource::arn).containsExactly(api.arn(), HTTP_LISTENER + "/default");
        assertThat(plan.after()).hasSize(3);
        assertThat(((Rule) plan.after().get(0)).conditions()).containsExactly(PathPattern.of("/api/*"), cdn);
        Rule last = (Rule) plan.after().get(1);
        assertThat(last.priority()).isEqualTo(RulePriority.of(RulePriority.MAX));
        assertThat(last.conditions()).containsExactly(cdn);
        assertThat(last.actions()).containsExactly(Forward.to(LEGACY));
        assertThat(((Rule) plan.after().get(2)).actions()).containsExactly(FORBIDDEN);
        assertThat(plan.calls())
                .extracting(ApiCall::operation)
                .containsExactly("ModifyRule", "CreateRule", "ModifyRule");
        assertThat(plan.before()).extracting(Resource::arn).doesNotContain(redirect.arn(), guarded.arn());
        assertThat(plan.secretHeaders()).containsExactly("X-Cdn-Secret");
        assertThat(PlanPreview.text(plan)).doesNotContain("s3cret").contains("header X-Cdn-Secret is ***");
    }

    @Test
    void requireHeaderNamesEveryRuleWithoutRoomForTheCondition() {
        Rule full = lbs.createRule(
                HTTP_LISTENER,
                RulePriority.of(30),
                List.of(PathPattern.of("/a", "/b", "/c"), HostHeader.of("a.example", "b.example")),
                List.of(Forward.to(LEGACY)));

        assertThatThrownBy(() -> planner.requireHeader(HTTP_LISTENER, "X-Cdn-Secret", List.of("s3cret")))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining(
                        "rule 30 (" + full.arn() + "): condition values: 6 (expected: at most 5 per rule)")
                .hasMessageNotContaining("rule 10");
    }

    @Test
    void requireHeaderWithAFixedDefaultAddsNoLastRuleAndWhenEverythingIsRequiredRefuses() {
        lbs.modifyRule(HTTP_LISTENER + "/default", List.of(), List.of(new FixedResponse(404, null, null)));

        ChangePlan plan = planner.requireHeader(HTTP_LISTENER, "X-Cdn-Secret", List.of("s3cret"));
        assertThat(plan.after()).singleElement().extracting(Resource::arn).isEqualTo(api.arn());

        lbs.modifyRule(api.arn(), ((Rule) plan.after().getFirst()).conditions(), api.actions());
        assertThatThrownBy(() -> planner.requireHeader(HTTP_LISTENER, "x-cdn-secret", List.of("s3cret")))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("requires x-cdn-secret already");
    }

    @Test
    void requireHeaderReadsInSecondsAndUndoRunsTheDefaultFirst() {
        ChangePlan plan = planner.requireHeader(HTTP_LISTENER, "X-Cdn-Secret", List.of("s3cret"));

        assertThat(PlanPreview.text(plan))
                .isEqualTo("require header X-Cdn-Secret on listener " + HTTP_LISTENER + ": 1 forward rule(s) gain the"
                        + " condition, a last rule keeps the default action for requests with it, requests without it"
                        + " get 403\n"
                        + "  Rule " + api.arn() + " (priority 10): conditions path-pattern is /api/* -> path-pattern is"
                        + " /api/* and header X-Cdn-Secret is ***\n"
                        + "  Rule " + HTTP_LISTENER + "/default (priority default): forward to legacy 1 -> answer 403"
                        + " with a 9-character body\n"
                        + "  New rule at priority 50000 of " + HTTP_LISTENER + ": if header X-Cdn-Secret is *** then"
                        + " forward to legacy 1\n"
                        + "  call 1: ModifyRule rule 10 if path-pattern is /api/* and header X-Cdn-Secret is *** then"
                        + " forward to legacy 100, replacement 0\n"
                        + "  call 2: CreateRule new rule 50000 if header X-Cdn-Secret is *** then forward to legacy 1\n"
                        + "  call 3: ModifyRule rule default answer 403 with a 9-character body\n");
        assertThat(planner.inverse(plan).calls())
                .extracting(ApiCall::operation)
                .containsExactly("ModifyRule", "DeleteRule", "ModifyRule");
        assertThat(planner.inverse(plan).calls().getFirst().description()).startsWith("rule default forward");
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void redirectNeedsAnHttpsListenerOn443AndCountsRulesThatStillAnswerOverHttp() {
        assertThatThrownBy(() -> planner.redirectHttpToHttps(HTTP_LISTENER))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("HTTPS listener on port 443: none on " + LB);
        Listener https =
                lbs.createHttpsListener(LB, 443, List.of(Samples.CERT), Samples.POLICY, List.of(Forward.to(LEGACY)));

        ChangePlan plan = planner.redirectHttpToHttps(HTTP_LISTENER);

        assertThat(plan.title())
                .isEqualTo("redirect HTTP to HTTPS on listener HTTP 80 (1 rule(s) still answer over HTTP:"
                        + " priority 10)");
        assertThat(((Rule) plan.after().getFirst()).actions()).containsExactly(Redirect.toHttps());
        assertThatThrownBy(() -> planner.redirectHttpToHttps(https.arn()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("protocol: HTTPS (expected: HTTP)");
    }

    @Test
    void setSslPolicyTakesOnlyAnOfferedPolicyOnAnHttpsListener() {
        Listener https =
                lbs.createHttpsListener(LB, 443, List.of(Samples.CERT), OLD_POLICY, List.of(Forward.to(LEGACY)));

        ChangePlan plan = planner.setSslPolicy(https.arn(), Samples.POLICY);

        assertThat(plan.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("ModifyListener");
            assertThat(call.parameters())
                    .containsExactly(Map.entry("ListenerArn", https.arn()), Map.entry("SslPolicy", Samples.POLICY));
        });
        assertThat(PlanPreview.text(plan))
                .contains(
                        "Listener " + https.arn() + " (HTTPS 443): SSL policy " + OLD_POLICY + " -> " + Samples.POLICY);
        assertThatThrownBy(() -> planner.setSslPolicy(https.arn(), "ELBSecurityPolicy-Nope"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("sslPolicy: 'ELBSecurityPolicy-Nope' (expected: one of [" + Samples.POLICY);
        assertThatThrownBy(() -> planner.setSslPolicy(HTTP_LISTENER, Samples.POLICY))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: HTTPS");
        assertThatThrownBy(() -> planner.setSslPolicy(https.arn(), OLD_POLICY))
                .isInstanceOf(CoreException.Invalid.class);
    }

    @Test
    void createHttpsListenerRefusesATakenPortAndAMissingPolicy() {
        assertThatThrownBy(() -> planner.createHttpsListener(
                        LB, 80, List.of(Samples.CERT), Samples.POLICY, List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("port 80 already has a listener (" + HTTP_LISTENER + ")");
        assertThatThrownBy(() ->
                        planner.createHttpsListener(LB, 443, List.of(Samples.CERT), null, List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("sslPolicy: missing");
        assertThatThrownBy(() ->
                        planner.createHttpsListener(LB, 443, List.of(), Samples.POLICY, List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("certificates: none");
    }

    // ------------------------------------------------------------------ the editor

    @Test
    void createRuleAtAPriorityInUseIsAConflictNamingTheRule() {
        assertThatThrownBy(() -> planner.createRule(
                        HTTP_LISTENER,
                        RulePriority.of(10),
                        List.of(PathPattern.of("/b/*")),
                        List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("priority 10 is already used by rule " + api.arn());
        assertThatThrownBy(() ->
                        planner.createRule(HTTP_LISTENER, RulePriority.of(11), List.of(), List.of(Forward.to(LEGACY))))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("conditions: none");
    }

    @Test
    void theEditorRefusesNoChangeTheDefaultRuleAndMovesOntoAHeldPriority() {
        Rule web = Fixture.createRule(lbs, 20, "/web/*", 100, 0);

        assertThatThrownBy(() -> planner.modifyRule(api.arn(), api.conditions(), api.actions()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the same as now");
        assertThatThrownBy(() -> planner.deleteRule(HTTP_LISTENER + "/default"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the default rule");
        assertThatThrownBy(() -> planner.setRulePriorities(Map.of(api.arn(), RulePriority.of(20))))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("priority 20 is already used by rule " + web.arn());
        ChangePlan swap =
                planner.setRulePriorities(Map.of(api.arn(), RulePriority.of(20), web.arn(), RulePriority.of(10)));
        assertThat(swap.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.operation()).isEqualTo("SetRulePriorities"));
    }

    @Test
    void editRuleMovesAndModifiesInOnePlanAndRefusesAHeldPriority() {
        Rule web = Fixture.createRule(lbs, 20, "/web/*", 100, 0);
        List<dev.triage.core.domain.Action> answer = List.of(FORBIDDEN);

        ChangePlan both = planner.editRule(api.arn(), RulePriority.of(15), List.of(PathPattern.of("/v2/*")), answer);

        assertThat(both.title()).isEqualTo("edit rule 10 of listener " + HTTP_LISTENER + " (moved to 15)");
        assertThat(both.calls())
                .extracting(ApiCall::operation)
                .containsExactlyInAnyOrder("SetRulePriorities", "ModifyRule");
        assertThat(((Rule) both.after().getFirst()).priority()).isEqualTo(RulePriority.of(15));
        assertThat(planner.editRule(api.arn(), RulePriority.of(10), api.conditions(), answer)
                        .calls())
                .extracting(ApiCall::operation)
                .containsExactly("ModifyRule");
        assertThatThrownBy(() -> planner.editRule(api.arn(), RulePriority.of(20), api.conditions(), answer))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("priority 20 is already used by rule " + web.arn());
        assertThatThrownBy(() -> planner.editRule(api.arn(), RulePriority.of(10), api.conditions(), api.actions()))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("the same as now");
    }

    @Test
    void aPlanWhoseCallsDoNotTakeItsBeforeToItsAfterIsRefusedAndNothingIsJournalled() {
        ChangePlan delete = planner.deleteRule(api.arn());
        ChangePlan forged = new ChangePlan(
                "forged",
                "delete, said to be a shift",
                planner.shiftWeights(api.arn(), Map.of(LEGACY, 50)).calls(),
                delete.before(),
                delete.before(),
                null);
        AuditJournal journal = new AuditJournal(dir.resolve("audit.jsonl"));
        ChangeApplier applier = new ChangeApplier(
                lbs, planner, journal, Clock.systemUTC(), d -> {}, ChangeApplier.Verify.defaults(), () -> "e");

        assertThatThrownBy(() -> applier.apply(forged, "ops", ""))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("(expected: a call that takes the plan's before to its after)");
        assertThat(journal.entries()).isEmpty();
        assertThat(lbs.rules(HTTP_LISTENER)).contains(api);
    }

    @Test
    void aChangePlanMayCreateAndDeleteOnlyAsManyResourcesAsItsCallsDo() {
        Rule made = Samples.rule("new:rule", 30);
        ApiCall create = planner.createRule(HTTP_LISTENER, RulePriority.of(30), made.conditions(), made.actions())
                .calls()
                .getFirst();

        assertThat(new ChangePlan("p", "create", List.of(create), List.of(), List.of(made), null).after())
                .containsExactly(made);
        assertThatThrownBy(
                        () -> new ChangePlan("p", "create two", List.of(create), List.of(), List.of(made, api), null))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("after: 2 resource(s) not in before (expected: at most the 1 the plan's Create");
    }
}
