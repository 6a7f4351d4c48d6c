package dev.triage.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.contract.LoadBalancersContract.ListenerWrites;
import dev.triage.core.contract.LoadBalancersContract.World;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SourceIp;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of change through the one path (plan, drift check, journal, calls, read-back, undo,
 * recover), against each adapter seeded with {@link LoadBalancersContract}'s world: for each kind,
 * apply verifies and undo reads back exactly as before (a deleted rule comes back under a new ARN,
 * and undo of that undo deletes it again); drift since planning is refused with nothing written; a
 * failure part-way restores; an apply killed part-way is recovered to the state before it.
 * Failures and kills are injected by a proxy around the adapter that counts its writes.
 *
 * <p>An adapter without listener writes ({@link ListenerWrites#UNSUPPORTED}, the lab) must refuse
 * them honestly: a listener change fails on its call with nothing changed (FAILED_RESTORED), and
 * TLS plans are refused at planning (no SSL policy on offer).
 */
public abstract class ChangePathContract {

    protected static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/change-path";

    @TempDir
    protected Path dir;

    protected World world;
    protected LoadBalancers port;
    private final AtomicInteger ids = new AtomicInteger();

    /** Seeds {@link LoadBalancersContract}'s world (with at least two SSL policies when listener writes work). */
    protected abstract World seed() throws Exception;

    protected abstract ListenerWrites listenerWrites();

    @BeforeEach
    final void seedTheWorld() throws Exception {
        world = seed();
        port = world.port();
    }

    // ------------------------------------------------------------------ rules

    @Test
    void createRuleVerifiesAndUndoDeletesItAndUndoOfUndoCreatesItAgain() {
        List<Rule> original = rules();
        ChangePlan plan = planner()
                .createRule(
                        world.listener(),
                        RulePriority.of(15),
                        List.of(PathPattern.of("/notes/*"), HttpRequestMethod.of("POST")),
                        List.of(new FixedResponse(503, "text/plain", "maintenance")));

        AuditEntry created = applier().apply(plan, "ops", "maintenance window");

        assertThat(created.outcome()).as(created.detail()).isEqualTo(Outcome.VERIFIED);
        Rule rule = ruleAt(15);
        assertThat(rule.action()).isEqualTo(new FixedResponse(503, "text/plain", "maintenance"));
        assertThat(created.after()).containsExactly(rule);
        assertThat(journal().finalEntry(created.id()).resources().planned()).containsExactly(rule);

        AuditEntry undone = applier().undoLast("ops", "window over");
        assertThat(undone.outcome()).as(undone.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).isEqualTo(original);

        AuditEntry again = applier().undoLast("ops", "window again");
        assertThat(again.outcome()).as(again.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(shapes(rules())).containsExactlyElementsOf(shapes(withRule(original, rule)));

        applier().undoLast("ops", "over again");
        assertThat(rules()).isEqualTo(original);
    }

    @Test
    void deleteRuleVerifiesAndUndoCreatesItAgainUnderANewArnWhichUndoOfUndoDeletes() {
        List<Rule> original = rules();
        Rule web = rule(world.webRule());

        AuditEntry deleted = applier().apply(planner().deleteRule(world.webRule()), "ops", "retire web");

        assertThat(deleted.outcome()).as(deleted.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).extracting(Rule::arn).doesNotContain(world.webRule());

        AuditEntry restored = applier().undoLast("ops", "web is back");
        assertThat(restored.outcome()).as(restored.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(shapes(rules())).containsExactlyElementsOf(shapes(original));
        Rule again = ruleAt(20);
        assertThat(again.conditions()).isEqualTo(web.conditions());
        assertThat(again.actions()).isEqualTo(web.actions());
        assertThat(journal().finalEntry(restored.id()).resources().planned()).containsExactly(again);

        AuditEntry deletedAgain = applier().undoLast("ops", "web goes again");
        assertThat(deletedAgain.outcome()).as(deletedAgain.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).extracting(Rule::arn).doesNotContain(again.arn());
        assertThat(rules()).hasSize(original.size() - 1);
    }

    @Test
    void modifyRuleConditionsAndActionsVerifiesAndUndoRestoresExactly() {
        List<Rule> original = rules();
        List<Action> redirect =
                List.of(new Redirect("HTTPS", "api.example.com", "443", "/v2/#{path}", "#{query}", 302));

        AuditEntry edited = applier()
                .apply(
                        planner()
                                .modifyRule(
                                        world.apiRule(),
                                        List.of(
                                                PathPattern.of("/api/*", "/v1/*"),
                                                new HttpHeader("X-Client", List.of("staff"))),
                                        redirect),
                        "ops",
                        "move api");

        assertThat(edited.outcome()).as(edited.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rule(world.apiRule()).actions()).isEqualTo(redirect);
        assertThat(rule(world.apiRule()).conditions()).hasSize(2);

        AuditEntry undone = applier().undoLast("ops", "back");
        assertThat(undone.outcome()).as(undone.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).isEqualTo(original);
    }

    @Test
    void setRulePrioritiesSwapsAndUndoSwapsBack() {
        List<Rule> original = rules();

        AuditEntry swapped = applier()
                .apply(
                        planner()
                                .setRulePriorities(Map.of(
                                        world.apiRule(), RulePriority.of(20), world.webRule(), RulePriority.of(10))),
                        "ops",
                        "web first");

        assertThat(swapped.outcome()).as(swapped.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rule(world.apiRule()).priority()).isEqualTo(RulePriority.of(20));
        assertThat(rules().getFirst().arn()).isEqualTo(world.webRule());

        applier().undoLast("ops", "api first");
        assertThat(rules()).isEqualTo(original);
    }

    @Test
    void changingTheDefaultActionThroughTheDefaultRuleWorksAndUndoRestoresIt() {
        List<Rule> original = rules();
        List<Listener> listeners = listeners();

        AuditEntry changed = applier()
                .apply(
                        planner().modifyRule(world.defaultRule(), List.of(), List.of(Forward.to(world.replacement()))),
                        "ops",
                        "default to replacement");

        assertThat(changed.outcome()).as(changed.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(listeners().getFirst().defaultActions()).containsExactly(Forward.to(world.replacement()));

        applier().undoLast("ops", "back");
        assertThat(rules()).isEqualTo(original);
        assertThat(listeners()).isEqualTo(listeners);
    }

    // ------------------------------------------------------------------ remediations

    @Test
    void blockSourcesAddsForbiddenRulesAboveEveryServingRuleSplitByAlbsLimitAndUndoRemovesThem() {
        List<Rule> original = rules();
        ChangePlan plan = planner()
                .blockSources(
                        world.listener(),
                        List.of("203.0.113.7", "198.51.100.0/24", "2001:db8::1", "192.0.2.9/32"),
                        "note posts without credentials");

        AuditEntry blocked = applier().apply(plan, "security", "alert 7");

        assertThat(blocked.outcome()).as(blocked.detail()).isEqualTo(Outcome.VERIFIED);
        List<Rule> rules = rules();
        assertThat(rules.get(0).priority()).isEqualTo(RulePriority.of(1));
        assertThat(rules.get(0).conditions())
                .containsExactly(SourceIp.of("203.0.113.7/32", "198.51.100.0/24", "2001:db8::1/128"));
        assertThat(rules.get(0).action()).isEqualTo(new FixedResponse(403, "text/plain", "Forbidden"));
        assertThat(rules.get(1).priority()).isEqualTo(RulePriority.of(2));
        assertThat(rules.get(1).conditions()).containsExactly(SourceIp.of("192.0.2.9/32"));
        assertThat(rules.get(2).arn()).isEqualTo(world.apiRule());

        AuditEntry undone = applier().undoLast("security", "false alarm");
        assertThat(undone.outcome()).as(undone.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).isEqualTo(original);
    }

    @Test
    void requireHeaderGuardsEveryForwardRuleKeepsTheDefaultForRequestsWithItAndUndoRestoresExactly() {
        List<Rule> original = rules();
        HttpHeader cdn = new HttpHeader("X-Cdn-Secret", List.of("s3cret"));

        AuditEntry required = applier()
                .apply(planner().requireHeader(world.listener(), "X-Cdn-Secret", List.of("s3cret")), "security", "");

        assertThat(required.outcome()).as(required.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rule(world.apiRule()).conditions()).containsExactly(PathPattern.of("/api/*"), cdn);
        assertThat(rule(world.webRule()).conditions()).containsExactly(PathPattern.of("/web/*"), cdn);
        Rule last = ruleAt(RulePriority.MAX);
        assertThat(last.conditions()).containsExactly(cdn);
        assertThat(last.actions()).containsExactly(Forward.to(world.legacy()));
        assertThat(rules().getLast().actions()).containsExactly(new FixedResponse(403, "text/plain", "Forbidden"));

        AuditEntry undone = applier().undoLast("security", "back");
        assertThat(undone.outcome()).as(undone.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).isEqualTo(original);
    }

    // ------------------------------------------------------------------ listeners and TLS

    @Test
    void modifyListenerChangesTheDefaultActionAndUndoRestoresItOrTheAdapterRefusesWithNothingChanged() {
        List<Listener> listeners = listeners();
        List<Rule> rules = rules();
        ChangePlan plan =
                planner().modifyListener(world.listener(), List.of(Forward.to(world.replacement())), null, null);

        AuditEntry changed = applier().apply(plan, "ops", "default to replacement");

        if (listenerWrites() == ListenerWrites.UNSUPPORTED) {
            assertThat(changed.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
            assertThat(changed.detail()).contains("not supported");
            assertThat(listeners()).isEqualTo(listeners);
            assertThat(rules()).isEqualTo(rules);
            return;
        }
        assertThat(changed.outcome()).as(changed.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(listeners().getFirst().defaultActions()).containsExactly(Forward.to(world.replacement()));
        applier().undoLast("ops", "back");
        assertThat(listeners()).isEqualTo(listeners);
        assertThat(rules()).isEqualTo(rules);
    }

    @Test
    void createHttpsListenerSetSslPolicyAndRedirectEachVerifyAndUndoInTurn() {
        List<Listener> original = listeners();
        List<Rule> originalRules = rules();
        if (listenerWrites() == ListenerWrites.UNSUPPORTED) {
            assertThatThrownBy(() -> planner()
                            .createHttpsListener(
                                    world.loadBalancer(),
                                    443,
                                    List.of(CERTIFICATE),
                                    "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                    List.of(Forward.to(world.legacy()))))
                    .isInstanceOf(CoreException.Invalid.class);
            assertThatThrownBy(() -> planner().redirectHttpToHttps(world.listener()))
                    .isInstanceOf(CoreException.Invalid.class)
                    .hasMessageContaining("HTTPS listener on port 443: none");
            return;
        }
        List<String> policies = port.sslPolicies().stream().map(p -> p.name()).toList();
        assertThat(policies).as("the seed offers two policies").hasSizeGreaterThanOrEqualTo(2);

        AuditEntry created = applier()
                .apply(
                        planner()
                                .createHttpsListener(
                                        world.loadBalancer(),
                                        443,
                                        List.of(CERTIFICATE),
                                        policies.get(0),
                                        List.of(Forward.to(world.legacy()))),
                        "ops",
                        "tls");
        assertThat(created.outcome()).as(created.detail()).isEqualTo(Outcome.VERIFIED);
        Listener https = listeners().stream()
                .filter(l -> l.protocol() == Protocol.HTTPS)
                .findFirst()
                .orElseThrow();
        assertThat(https.sslPolicy()).isEqualTo(policies.get(0));

        AuditEntry policy = applier().apply(planner().setSslPolicy(https.arn(), policies.get(1)), "ops", "policy");
        assertThat(policy.outcome()).as(policy.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(listener(https.arn()).sslPolicy()).isEqualTo(policies.get(1));

        AuditEntry redirected = applier().apply(planner().redirectHttpToHttps(world.listener()), "ops", "https only");
        assertThat(redirected.outcome()).as(redirected.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(listener(world.listener()).defaultActions()).containsExactly(Redirect.toHttps());

        applier().undo(redirected.id(), "ops", "no redirect");
        assertThat(rules()).isEqualTo(originalRules);
        applier().undo(policy.id(), "ops", "old policy");
        assertThat(listener(https.arn())).isEqualTo(https);
        AuditEntry removed = applier().undo(created.id(), "ops", "no https");
        assertThat(removed.outcome()).as(removed.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(listeners()).isEqualTo(original);
    }

    // ------------------------------------------------------------------ drift, failure, recovery

    @Test
    void aPriorityTakenSincePlanningIsDriftAndNothingIsWritten() {
        ChangePlan plan = planner()
                .createRule(
                        world.listener(),
                        RulePriority.of(15),
                        List.of(PathPattern.of("/a/*")),
                        List.of(Forward.to(world.legacy())));
        Rule other = port.createRule(
                world.listener(),
                RulePriority.of(15),
                List.of(PathPattern.of("/b/*")),
                List.of(Forward.to(world.legacy())));
        List<Rule> before = rules();

        assertThatThrownBy(() -> applier().apply(plan, "ops", ""))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining(
                        "priority 15 of listener " + world.listener() + " is taken by rule 15 (" + other.arn() + ")");

        assertThat(rules()).isEqualTo(before);
        assertThat(journal().entries()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED_DRIFT);
            assertThat(e.undoable()).isFalse();
        });
    }

    @Test
    void aRuleChangedSincePlanningItsDeletionIsDriftAndNothingIsWritten() {
        ChangePlan plan = planner().deleteRule(world.webRule());
        Rule web = rule(world.webRule());
        port.modifyRule(web.arn(), List.of(PathPattern.of("/www/*")), web.actions());

        assertThatThrownBy(() -> applier().apply(plan, "ops", ""))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("rule 20 (" + world.webRule() + ") reads")
                .hasMessageContaining("(if path-pattern is /www/*)");

        assertThat(rule(world.webRule()).conditions()).containsExactly(PathPattern.of("/www/*"));
    }

    @Test
    void aFailurePartWayThroughARequiredHeaderRestoresEveryRuleAndCreatesNothing() {
        List<Rule> original = rules();
        ChangePlan plan = planner().requireHeader(world.listener(), "X-Cdn-Secret", List.of("s3cret"));
        assertThat(plan.calls())
                .extracting(c -> c.operation())
                .containsExactly("ModifyRule", "ModifyRule", "CreateRule", "ModifyRule");
        LoadBalancers failing = faulty(port, 4, Fault.FAIL_BEFORE);

        AuditEntry entry = applier(failing).apply(plan, "security", "");

        assertThat(entry.outcome()).as(entry.detail()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(entry.detail())
                .contains("ModifyRule (call 4 of 4) failed: lb is unavailable: injected")
                .contains("restored the 3 call(s)");
        assertThat(rules()).isEqualTo(original);
        assertThat(journal().last().orElseThrow().undoable()).isFalse();
    }

    @Test
    void aFailureAfterADeleteCreatesTheRuleAgainAndUndoStillFindsIt() {
        List<Rule> original = rules();
        ChangePlan plan = planner().requireHeader(world.listener(), "X-Cdn-Secret", List.of("s3cret"));
        AuditEntry required = applier().apply(plan, "security", "");
        assertThat(required.outcome()).isEqualTo(Outcome.VERIFIED);
        // Undo runs: default back, delete the catch-all rule, then the two rules; the third call fails.
        LoadBalancers failing = faulty(port, 3, Fault.FAIL_BEFORE);

        AuditEntry undo = applier(failing).undoLast("security", "back");

        assertThat(undo.outcome()).as(undo.detail()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(undo.detail()).contains("created again under a new ARN");
        List<Rule> now = rules();
        assertThat(now.getLast().actions()).containsExactly(new FixedResponse(403, "text/plain", "Forbidden"));
        assertThat(shapes(now)).hasSize(original.size() + 1);
        assertThat(ruleAt(RulePriority.MAX).actions()).containsExactly(Forward.to(world.legacy()));

        AuditEntry undoneAfterAll = applier().undoLast("security", "back, again");
        assertThat(undoneAfterAll.outcome()).as(undoneAfterAll.detail()).isEqualTo(Outcome.VERIFIED);
        assertThat(rules()).isEqualTo(original);
    }

    @Test
    void anApplyKilledPartWayIsRecoveredToExactlyTheStateBefore() {
        List<Rule> original = rules();
        ChangePlan plan = planner().requireHeader(world.listener(), "X-Cdn-Secret", List.of("s3cret"));
        LoadBalancers dying = faulty(port, 3, Fault.KILLED_AFTER);

        assertThatThrownBy(() -> applier(dying).apply(plan, "security", "")).isInstanceOf(Killed.class);
        assertThat(journal().incomplete()).hasSize(1);
        assertThat(ruleAt(RulePriority.MAX).conditions()).hasSize(1);
        assertThatThrownBy(() -> applier().apply(planner().deleteRule(world.webRule()), "ops", ""))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("interrupted");

        List<JournalEntry> recovered = applier().recover("oncall", "after the crash");

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.outcome()).as(e.detail()).isEqualTo(Outcome.FAILED_RESTORED);
            assertThat(e.detail()).contains("restored what it had changed with 3 call(s)");
            assertThat(e.undoable()).isFalse();
        });
        assertThat(rules()).isEqualTo(original);
        assertThat(journal().incomplete()).isEmpty();
    }

    @Test
    void aDeleteKilledAfterItsCallIsRecoveredByCreatingTheRuleAgain() {
        List<Rule> original = rules();
        LoadBalancers dying = faulty(port, 1, Fault.KILLED_AFTER);

        assertThatThrownBy(() -> applier(dying).apply(planner().deleteRule(world.apiRule()), "ops", ""))
                .isInstanceOf(Killed.class);

        List<JournalEntry> recovered = applier().recover("oncall", "");

        assertThat(recovered)
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).as(e.detail()).isEqualTo(Outcome.FAILED_RESTORED));
        assertThat(shapes(rules())).containsExactlyElementsOf(shapes(original));
    }

    @Test
    void anApplyKilledBeforeItsFirstCallIsClosedWithoutCalls() {
        List<Rule> original = rules();
        LoadBalancers dying = faulty(port, 1, Fault.KILLED_BEFORE);
        ChangePlan plan = planner().blockSources(world.listener(), List.of("203.0.113.7"), "");

        assertThatThrownBy(() -> applier(dying).apply(plan, "security", "")).isInstanceOf(Killed.class);
        List<JournalEntry> recovered = applier().recover("oncall", "");

        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
            assertThat(e.detail()).contains("before any call took effect");
        });
        assertThat(rules()).isEqualTo(original);
    }

    // ------------------------------------------------------------------ helpers

    protected ChangePlanner planner() {
        return new ChangePlanner(port, () -> "plan-" + ids.incrementAndGet());
    }

    protected ChangeApplier applier() {
        return applier(port);
    }

    protected ChangeApplier applier(LoadBalancers through) {
        return new ChangeApplier(
                through,
                new ChangePlanner(through, () -> "plan-" + ids.incrementAndGet()),
                journal(),
                Clock.systemUTC(),
                duration -> {},
                new ChangeApplier.Verify(3, Duration.ofMillis(1), Duration.ofMillis(1)),
                () -> "entry-" + ids.incrementAndGet());
    }

    protected AuditJournal journal() {
        return new AuditJournal(dir.resolve("audit.jsonl"));
    }

    private List<Rule> rules() {
        return port.rules(world.listener());
    }

    private List<Listener> listeners() {
        return port.listeners(world.loadBalancer());
    }

    private Listener listener(String arn) {
        return listeners().stream().filter(l -> l.arn().equals(arn)).findFirst().orElseThrow();
    }

    private Rule rule(String arn) {
        return rules().stream().filter(r -> r.arn().equals(arn)).findFirst().orElseThrow();
    }

    private Rule ruleAt(int priority) {
        return rules().stream()
                .filter(r -> r.priority().equals(RulePriority.of(priority)))
                .findFirst()
                .orElseThrow();
    }

    private static List<Rule> withRule(List<Rule> rules, Rule rule) {
        return java.util.stream.Stream.concat(rules.stream(), java.util.stream.Stream.of(rule))
                .sorted(java.util.Comparator.comparing(Rule::priority))
                .toList();
    }

    /** Rules without their ARNs: what a rule created again must match. */
    private static List<String> shapes(List<Rule> rules) {
        return rules.stream()
                .map(r -> r.priority().text() + " " + r.conditions() + " " + r.actions())
                .toList();
    }

    protected Forward split(int legacy, int replacement) {
        return new Forward(
                List.of(
                        new WeightedTargetGroup(world.legacy(), legacy),
                        new WeightedTargetGroup(world.replacement(), replacement)),
                null);
    }

    private enum Fault {
        FAIL_BEFORE,
        KILLED_BEFORE,
        KILLED_AFTER
    }

    private static final Set<String> WRITES = Set.of(
            "modifyRule",
            "setRulePriorities",
            "createRule",
            "deleteRule",
            "modifyListener",
            "createHttpsListener",
            "deleteListener");

    /** Stands in for kill -9: nothing after it runs. */
    private static final class Killed extends Error {}

    /** The port, with write number {@code at} (1-based) failing or "killing" the process. */
    private static LoadBalancers faulty(LoadBalancers delegate, int at, Fault fault) {
        AtomicInteger writes = new AtomicInteger();
        return (LoadBalancers) Proxy.newProxyInstance(
                LoadBalancers.class.getClassLoader(), new Class<?>[] {LoadBalancers.class}, (proxy, method, args) -> {
                    boolean hit = WRITES.contains(method.getName()) && writes.incrementAndGet() == at;
                    if (hit && fault == Fault.FAIL_BEFORE) {
                        throw new CoreException.Unavailable("lb", "injected", null);
                    }
                    if (hit && fault == Fault.KILLED_BEFORE) {
                        throw new Killed();
                    }
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (hit) {
                        throw new Killed();
                    }
                    return result;
                });
    }
}
