package dev.triage.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.LoadBalancers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link LoadBalancers} adapter does, whatever is behind it. A subclass seeds the same
 * {@link World} through its provider (an SDK client fake, a live lab edge agent, memory) and every
 * test here runs against it.
 *
 * <p>The world: one Application Load Balancer with one HTTP listener whose default action forwards
 * to {@code legacy}; rule {@code web} at priority 20 ({@code /web/*}, forward to {@code
 * replacement}) seeded before rule {@code api} at priority 10 ({@code /api/*}, forward to {@code
 * legacy} 100 and {@code replacement} 0); target groups {@code legacy} and {@code replacement}
 * with one registered target each.
 *
 * <p>An adapter that does not support the listener writes (modifyListener, createHttpsListener)
 * says so with {@link ListenerWrites#UNSUPPORTED}; the contract then requires the documented
 * refusal (Invalid, saying it is not supported) that changes nothing, and no SSL policies on
 * offer, never a silent skip. Every adapter supports every rule write.
 */
public abstract class LoadBalancersContract {

    /** The seeded world: the port under test and the ids of what was seeded. */
    public record World(
            LoadBalancers port,
            String loadBalancer,
            String listener,
            int listenerPort,
            String apiRule,
            String webRule,
            String defaultRule,
            String legacy,
            String replacement,
            Map<String, List<String>> targetAddresses) {}

    /** Whether the adapter supports modifyListener and createHttpsListener. */
    public enum ListenerWrites {
        SUPPORTED,
        UNSUPPORTED
    }

    @TempDir
    protected Path dir;

    protected World world;
    protected LoadBalancers port;

    /** Seeds the world described in the class documentation and returns it. */
    protected abstract World seed() throws Exception;

    protected abstract ListenerWrites listenerWrites();

    /** An id of the same shape as {@code arn} that names nothing. */
    protected String missing(String arn) {
        return arn + "0";
    }

    @BeforeEach
    final void seedTheWorld() throws Exception {
        world = seed();
        port = world.port();
    }

    // ------------------------------------------------------------------ reads

    @Test
    void listsTheLoadBalancerWithItsListenerAndTargetGroups() {
        List<LoadBalancer> lbs = port.loadBalancers();
        assertThat(lbs).extracting(LoadBalancer::arn).containsExactly(world.loadBalancer());
        assertThat(lbs.getFirst().type()).isEqualTo(LoadBalancer.Type.APPLICATION);

        List<Listener> listeners = port.listeners(world.loadBalancer());
        assertThat(listeners).singleElement().satisfies(listener -> {
            assertThat(listener.arn()).isEqualTo(world.listener());
            assertThat(listener.loadBalancerArn()).isEqualTo(world.loadBalancer());
            assertThat(listener.protocol()).isEqualTo(Protocol.HTTP);
            assertThat(listener.port()).isEqualTo(world.listenerPort());
            assertThat(listener.defaultActions()).containsExactly(Forward.to(world.legacy()));
        });

        List<TargetGroup> groups = port.targetGroups(world.loadBalancer());
        assertThat(groups)
                .extracting(TargetGroup::arn, TargetGroup::name)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(world.legacy(), "legacy"),
                        org.assertj.core.groups.Tuple.tuple(world.replacement(), "replacement"));
        assertThat(groups)
                .allSatisfy(group -> assertThat(group.loadBalancerArns()).contains(world.loadBalancer()));
    }

    @Test
    void listsRulesInPriorityOrderWithTheDefaultRuleLast() {
        List<Rule> rules = port.rules(world.listener());

        assertThat(rules).extracting(Rule::arn).containsExactly(world.apiRule(), world.webRule(), world.defaultRule());
        assertThat(rules).extracting(r -> r.priority().text()).containsExactly("10", "20", "default");
        assertThat(rules).allSatisfy(r -> assertThat(r.listenerArn()).isEqualTo(world.listener()));
        Rule api = rules.getFirst();
        assertThat(api.conditions()).containsExactly(PathPattern.of("/api/*"));
        assertThat(api.actions()).containsExactly(split(100, 0));
        Rule web = rules.get(1);
        assertThat(web.conditions()).containsExactly(PathPattern.of("/web/*"));
        assertThat(web.actions()).containsExactly(Forward.to(world.replacement()));
        Rule last = rules.getLast();
        assertThat(last.isDefault()).isTrue();
        assertThat(last.conditions()).isEmpty();
        assertThat(last.actions()).containsExactly(Forward.to(world.legacy()));
    }

    @Test
    void reportsTheHealthOfEveryRegisteredTarget() {
        for (String group : List.of(world.legacy(), world.replacement())) {
            List<TargetHealth> health = port.targetHealth(group);
            assertThat(health)
                    .as("health of %s", group)
                    .extracting(TargetHealth::address)
                    .containsExactlyInAnyOrderElementsOf(world.targetAddresses().get(group));
            assertThat(health).allSatisfy(t -> assertThat(t.state()).isNotNull());
        }
    }

    @Test
    void unknownIdsAreNotFound() {
        assertNotFound(() -> port.listeners(missing(world.loadBalancer())));
        assertNotFound(() -> port.targetGroups(missing(world.loadBalancer())));
        assertNotFound(() -> port.rules(missing(world.listener())));
        assertNotFound(() -> port.targetHealth(missing(world.legacy())));
        assertNotFound(() ->
                port.modifyRule(missing(world.apiRule()), List.of(PathPattern.of("/api/*")), List.of(split(90, 10))));
        assertThat(port.rules(world.listener())).extracting(Rule::action).contains(split(100, 0));
    }

    // ------------------------------------------------------------------ modifyRule

    @Test
    void modifyRuleSetsWeightsThatReadBackAndLeavesTheOtherRulesAlone() {
        List<Rule> before = port.rules(world.listener());

        Rule changed = port.modifyRule(world.apiRule(), List.of(PathPattern.of("/api/*")), List.of(split(90, 10)));

        assertThat(changed.arn()).isEqualTo(world.apiRule());
        assertThat(changed.action()).isEqualTo(split(90, 10));
        List<Rule> after = port.rules(world.listener());
        assertThat(after.getFirst()).isEqualTo(changed);
        assertThat(after.getFirst().priority()).isEqualTo(RulePriority.of(10));
        assertThat(after.subList(1, after.size())).isEqualTo(before.subList(1, before.size()));
    }

    @Test
    void modifyRuleReplacesConditionsAndActionsWhole() {
        Rule changed = port.modifyRule(
                world.apiRule(),
                List.of(PathPattern.of("/v2/*", "/v3/*")),
                List.of(new FixedResponse(503, "text/plain", "moving")));

        assertThat(changed.conditions()).containsExactly(PathPattern.of("/v2/*", "/v3/*"));
        assertThat(port.rules(world.listener()).getFirst()).isEqualTo(changed);
    }

    @Test
    void modifyingTheDefaultRuleChangesTheListenersDefaultAction() {
        Rule changed = port.modifyRule(world.defaultRule(), List.of(), List.of(split(1, 1)));

        assertThat(changed.isDefault()).isTrue();
        assertThat(changed.action()).isEqualTo(split(1, 1));
        assertThat(port.rules(world.listener()).getLast()).isEqualTo(changed);
        assertThat(port.listeners(world.loadBalancer()).getFirst().defaultActions())
                .containsExactly(split(1, 1));
    }

    @Test
    void weightsOutsideTheLimitsAreInvalidBeforeAnyCallAndChangeNothing() {
        List<Rule> before = port.rules(world.listener());
        ChangePlanner planner = new ChangePlanner(port);

        assertThatThrownBy(() -> planner.shiftWeights(world.apiRule(), Map.of(world.replacement(), 1000)))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).contains("1000 (expected: 0..999)")));
        assertThatThrownBy(() -> new WeightedTargetGroup(world.replacement(), 1000))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("weight: 1000 (expected: 0..999)");
        List<WeightedTargetGroup> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new WeightedTargetGroup(i == 0 ? world.legacy() : world.legacy() + "-" + i, 1));
        }
        assertThatThrownBy(() -> new Forward(six, null))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("target groups: 6 (expected: 1..5)");

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    @Test
    void aForwardToAnUnknownTargetGroupIsInvalidAndChangesNothing() {
        List<Rule> before = port.rules(world.listener());
        Forward toNowhere = new Forward(
                List.of(
                        new WeightedTargetGroup(world.legacy(), 90),
                        new WeightedTargetGroup(missing(world.replacement()), 10)),
                null);

        assertThatThrownBy(
                        () -> port.modifyRule(world.apiRule(), List.of(PathPattern.of("/api/*")), List.of(toNowhere)))
                .isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> port.modifyRule(world.defaultRule(), List.of(), List.of(toNowhere)))
                .isInstanceOf(CoreException.Invalid.class);

        assertThat(port.rules(world.listener())).isEqualTo(before);
        assertThat(port.listeners(world.loadBalancer()).getFirst().defaultActions())
                .containsExactly(Forward.to(world.legacy()));
    }

    @Test
    void conditionsOnTheDefaultRuleAreInvalidAndChangeNothing() {
        List<Rule> before = port.rules(world.listener());

        assertThatThrownBy(() -> port.modifyRule(
                        world.defaultRule(), List.of(PathPattern.of("/x")), List.of(Forward.to(world.replacement()))))
                .isInstanceOf(CoreException.Invalid.class);

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    // ------------------------------------------------------------------ the rule lifecycle

    @Test
    void createRuleAddsARuleThatReadsBackInPriorityOrder() {
        List<Condition> conditions = List.of(PathPattern.of("/new/*"));
        List<Action> actions = List.of(split(5, 5));

        port.createRule(world.listener(), RulePriority.of(15), conditions, actions);

        List<Rule> rules = port.rules(world.listener());
        assertThat(rules).extracting(r -> r.priority().text()).containsExactly("10", "15", "20", "default");
        Rule created = rules.get(1);
        assertThat(created.listenerArn()).isEqualTo(world.listener());
        assertThat(created.conditions()).isEqualTo(conditions);
        assertThat(created.actions()).isEqualTo(actions);
        assertThat(created.arn()).isNotIn(world.apiRule(), world.webRule(), world.defaultRule());
    }

    @Test
    void createRuleReturnsTheRuleAsItReadsBack() {
        Rule created = port.createRule(
                world.listener(), RulePriority.of(15), List.of(PathPattern.of("/n")), List.of(split(1, 1)));

        assertThat(port.rules(world.listener())).contains(created);
    }

    @Test
    void createRuleAtAPriorityInUseIsAConflictAndChangesNothing() {
        List<Rule> before = port.rules(world.listener());

        assertThatThrownBy(() -> port.createRule(
                        world.listener(), RulePriority.of(20), List.of(PathPattern.of("/n")), List.of(split(1, 1))))
                .isInstanceOf(CoreException.Conflict.class);

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    @Test
    void createRuleForwardingToAnUnknownTargetGroupIsInvalidAndChangesNothing() {
        List<Rule> before = port.rules(world.listener());

        assertThatThrownBy(() -> port.createRule(
                        world.listener(),
                        RulePriority.of(15),
                        List.of(PathPattern.of("/n")),
                        List.of(Forward.to(missing(world.legacy())))))
                .isInstanceOf(CoreException.Invalid.class);
        assertNotFound(() -> port.createRule(
                missing(world.listener()),
                RulePriority.of(15),
                List.of(PathPattern.of("/n")),
                List.of(Forward.to(world.legacy()))));

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    @Test
    void deleteRuleRemovesOnlyThatRule() {
        port.deleteRule(world.webRule());

        assertThat(port.rules(world.listener()))
                .extracting(Rule::arn)
                .containsExactly(world.apiRule(), world.defaultRule());
        assertNotFound(() -> port.deleteRule(world.webRule()));
    }

    @Test
    void theDefaultRuleCannotBeDeletedOrMovedAndAnUnknownRuleIsNotFound() {
        List<Rule> before = port.rules(world.listener());

        assertThatThrownBy(() -> port.deleteRule(world.defaultRule())).isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> port.setRulePriorities(Map.of(world.defaultRule(), RulePriority.of(30))))
                .isInstanceOf(CoreException.Invalid.class);
        assertThatThrownBy(() -> port.setRulePriorities(Map.of(world.apiRule(), RulePriority.DEFAULT)))
                .isInstanceOf(CoreException.Invalid.class);
        assertNotFound(() -> port.deleteRule(missing(world.apiRule())));
        assertNotFound(() -> port.setRulePriorities(Map.of(missing(world.apiRule()), RulePriority.of(30))));

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    @Test
    void setRulePrioritiesSwapsTwoRulesInOneCall() {
        Map<String, RulePriority> swap = new LinkedHashMap<>();
        swap.put(world.apiRule(), RulePriority.of(20));
        swap.put(world.webRule(), RulePriority.of(10));

        List<Rule> moved = port.setRulePriorities(swap);

        assertThat(moved).extracting(Rule::arn).containsExactlyInAnyOrder(world.apiRule(), world.webRule());
        List<Rule> rules = port.rules(world.listener());
        assertThat(rules).extracting(Rule::arn).containsExactly(world.webRule(), world.apiRule(), world.defaultRule());
        assertThat(rules.get(1).action()).isEqualTo(split(100, 0));
        assertThat(rules).containsAll(moved);
    }

    @Test
    void setRulePrioritiesOntoAPriorityHeldByARuleNotMovedIsAConflictAndChangesNothing() {
        List<Rule> before = port.rules(world.listener());

        assertThatThrownBy(() -> port.setRulePriorities(Map.of(world.apiRule(), RulePriority.of(20))))
                .isInstanceOf(CoreException.Conflict.class);

        assertThat(port.rules(world.listener())).isEqualTo(before);
    }

    // ------------------------------------------------------------------ listener writes

    @Test
    void modifyListenerChangesTheDefaultActionAndTheDefaultRuleFollows() {
        if (listenerWrites() == ListenerWrites.UNSUPPORTED) {
            refusedAsUnsupported(() -> port.modifyListener(world.listener(), List.of(split(1, 1)), null, null));
            return;
        }

        Listener changed = port.modifyListener(world.listener(), List.of(split(1, 1)), null, null);

        assertThat(changed.defaultActions()).containsExactly(split(1, 1));
        assertThat(changed.port()).isEqualTo(world.listenerPort());
        assertThat(port.listeners(world.loadBalancer())).containsExactly(changed);
        assertThat(port.rules(world.listener()).getLast().actions()).containsExactly(split(1, 1));
    }

    @Test
    void createHttpsListenerUsesAnOfferedPolicyAndRefusesATakenPortOrAnUnknownPolicy() {
        String certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/contract";
        List<Action> defaults = List.of(Forward.to(world.legacy()));
        if (listenerWrites() == ListenerWrites.UNSUPPORTED) {
            assertThat(port.sslPolicies()).isEmpty();
            refusedAsUnsupported(() ->
                    port.createHttpsListener(world.loadBalancer(), 443, List.of(certificate), "any-policy", defaults));
            return;
        }
        String policy = port.sslPolicies().getFirst().name();

        Listener https = port.createHttpsListener(world.loadBalancer(), 443, List.of(certificate), policy, defaults);

        assertThat(https.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(https.sslPolicy()).isEqualTo(policy);
        assertThat(https.certificateArns()).containsExactly(certificate);
        assertThat(port.listeners(world.loadBalancer()))
                .extracting(Listener::arn)
                .contains(https.arn(), world.listener());
        assertThat(port.rules(https.arn())).singleElement().satisfies(r -> {
            assertThat(r.isDefault()).isTrue();
            assertThat(r.actions()).isEqualTo(defaults);
        });
        assertThatThrownBy(() -> port.createHttpsListener(
                        world.loadBalancer(), world.listenerPort(), List.of(certificate), policy, defaults))
                .isInstanceOf(CoreException.Conflict.class);
        assertThatThrownBy(() -> port.createHttpsListener(
                        world.loadBalancer(), 8443, List.of(certificate), "NoSuchPolicy-2000", defaults))
                .isInstanceOf(CoreException.Invalid.class);
        assertThat(port.listeners(world.loadBalancer())).hasSize(2);
    }

    // ------------------------------------------------------------------ the change path over the port

    @Test
    void aWeightShiftThroughTheChangePathVerifiesAndUndoRestoresTheExactWeights() {
        AtomicInteger ids = new AtomicInteger();
        ChangePlanner planner = new ChangePlanner(port, () -> "plan-" + ids.incrementAndGet());
        ChangeApplier applier = new ChangeApplier(
                port,
                planner,
                new AuditJournal(dir.resolve("audit.jsonl")),
                Clock.systemUTC(),
                duration -> {},
                new ChangeApplier.Verify(3, Duration.ofMillis(1), Duration.ofMillis(1)),
                () -> "entry-" + ids.incrementAndGet());
        ChangePlan plan = planner.shiftWeights(world.apiRule(), Map.of(world.legacy(), 90, world.replacement(), 10));

        AuditEntry shifted = applier.apply(plan, "contract", "canary");

        assertThat(shifted.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(port.rules(world.listener()).getFirst().action()).isEqualTo(split(90, 10));

        AuditEntry undone = applier.undoLast("contract", "back");

        assertThat(undone.outcome()).isEqualTo(AuditEntry.Outcome.VERIFIED);
        assertThat(port.rules(world.listener()).getFirst().action()).isEqualTo(split(100, 0));
    }

    // ------------------------------------------------------------------ helpers

    protected Forward split(int legacy, int replacement) {
        return new Forward(
                List.of(
                        new WeightedTargetGroup(world.legacy(), legacy),
                        new WeightedTargetGroup(world.replacement(), replacement)),
                null);
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CoreException.NotFound.class);
    }

    /** Runs a listener write an unsupporting adapter must refuse as documented, changing nothing. */
    private void refusedAsUnsupported(org.assertj.core.api.ThrowableAssert.ThrowingCallable write) {
        List<Listener> listeners = port.listeners(world.loadBalancer());
        List<Rule> rules = port.rules(world.listener());
        assertThatThrownBy(write).isInstanceOf(CoreException.Invalid.class).hasMessageContaining("not supported");
        assertThat(port.listeners(world.loadBalancer())).isEqualTo(listeners);
        assertThat(port.rules(world.listener())).isEqualTo(rules);
    }
}
