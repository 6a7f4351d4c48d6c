package dev.triage.core.change;

import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.Samples;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeApplierTest {

    private static final ChangeApplier.Verify VERIFY =
            new ChangeApplier.Verify(4, Duration.ofMillis(100), Duration.ofMillis(250));

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = Fixture.seeded();
    private final Fixture.RecordingSleeper sleeper = new Fixture.RecordingSleeper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Rule rule = Fixture.createRule(lbs, 10, "/api/*", 100, 0);

    private AuditJournal journal() {
        return new AuditJournal(dir.resolve("audit.jsonl"));
    }

    private ChangePlanner planner(LoadBalancers port) {
        return new ChangePlanner(port, () -> "plan-" + ids.incrementAndGet());
    }

    private ChangeApplier applier(LoadBalancers port) {
        return new ChangeApplier(
                port,
                planner(port),
                journal(),
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                sleeper,
                VERIFY,
                () -> "entry-" + ids.incrementAndGet());
    }

    private ChangePlan shift(int legacy, int replacement) {
        return planner(lbs).shiftWeights(rule.arn(), Map.of(LEGACY, legacy, REPLACEMENT, replacement));
    }

    @Test
    void anEmptyReasonIsRecordedAndTheChangeVerified() {
        AuditEntry shifted = applier(lbs).apply(shift(90, 10), "ops", "");

        assertThat(shifted.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(shifted.reason()).isEmpty();
    }

    @Test
    void shiftThenUndoRestoresTheExactPreviousWeights() {
        ChangeApplier applier = applier(lbs);

        AuditEntry shifted = applier.apply(shift(90, 10), "ops", "canary");
        assertThat(shifted.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(90, 10));
        assertThat(shifted.after()).isEqualTo(shifted.plan().after());
        assertThat(shifted.inversePlan().after()).containsExactly(rule);
        assertThat(shifted.plan().inversePlanId())
                .isEqualTo(shifted.inversePlan().id());

        AuditEntry undone = applier.undoLast("ops", "roll back");
        assertThat(undone.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
        assertThat(lbs.rules(Samples.HTTP_LISTENER).getFirst()).isEqualTo(rule);
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void undoByIdWorksFromAJournalReopenedByAnotherApplier() {
        AuditEntry first = applier(lbs).apply(shift(90, 10), "ops", "canary");
        applier(lbs).apply(shift(50, 50), "ops", "half");

        // Undo of the first while the second is live is drift: the weights no longer read 90/10.
        assertThatThrownBy(() -> applier(lbs).undo(first.id(), "ops", "back"))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("legacy 50, replacement 50")
                .hasMessageContaining("legacy 90, replacement 10");
        applier(lbs).undoLast("ops", "back to 90/10");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(90, 10));
        applier(lbs).undo(first.id(), "ops", "back to 100/0");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
    }

    @Test
    void driftSincePlanningIsRefusedNamingTheChangeAndNothingIsWritten() {
        ChangePlan plan = shift(90, 10);
        lbs.modifyRule(rule.arn(), rule.conditions(), List.of(Samples.split(70, 30)));
        int modifiesBefore = modifyCount();

        assertThatThrownBy(() -> applier(lbs).apply(plan, "ops", "canary"))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("rule 10 (" + rule.arn() + ") reads")
                .hasMessageContaining("forward to legacy 70, replacement 30")
                .hasMessageContaining(
                        "when planned: priority 10, 1 condition(s), forward to legacy 100, replacement 0");

        assertThat(modifyCount()).isEqualTo(modifiesBefore);
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(70, 30));
        List<JournalEntry> entries = journal().entries();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(JournalEntry.Phase.FINAL);
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED_DRIFT);
            assertThat(e.undoable()).isFalse();
        });
    }

    @Test
    void aDeletedRuleIsDrift() {
        ChangePlan plan = shift(90, 10);
        lbs.deleteRule(rule.arn());

        assertThatThrownBy(() -> applier(lbs).apply(plan, "ops", "canary"))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("rule 10 (" + rule.arn() + ") no longer exists");
    }

    @Test
    void theIntentIsJournalledBeforeTheFirstCall() {
        List<List<JournalEntry>> seenAtCall = new ArrayList<>();
        Fixture.Intercepting port = new Fixture.Intercepting(lbs, n -> {
            seenAtCall.add(journal().entries());
            return null;
        });

        applier(port).apply(shift(90, 10), "ops", "canary");

        assertThat(seenAtCall)
                .singleElement()
                .satisfies(entries -> assertThat(entries).singleElement().satisfies(e -> {
                    assertThat(e.phase()).isEqualTo(JournalEntry.Phase.INTENT);
                    assertThat(e.actor()).isEqualTo("ops");
                    assertThat(e.before().getFirst().weights()).containsEntry(LEGACY, 100);
                    assertThat(e.inverse().getFirst().weights()).containsEntry(REPLACEMENT, 0);
                }));
        assertThat(journal().entries())
                .extracting(JournalEntry::phase)
                .containsExactly(JournalEntry.Phase.INTENT, JournalEntry.Phase.FINAL);
    }

    @Test
    void aFailurePartWayRestoresWhatHadChanged() {
        Rule other = Fixture.createRule(lbs, 20, "/web/*", 100, 0);
        ChangePlan plan = twoRules(other);
        Fixture.Intercepting port =
                new Fixture.Intercepting(lbs, n -> n == 2 ? new CoreException.Throttled("ModifyRule", null) : null);

        AuditEntry entry = applier(port).apply(plan, "ops", "both");

        assertThat(entry.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(entry.detail())
                .contains("ModifyRule (call 2 of 2) failed: ModifyRule was throttled")
                .contains("restored the 1 call(s)");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
        assertThat(Fixture.forwardOf(lbs, other.arn())).isEqualTo(Samples.split(100, 0));
        assertThat(journal().last().orElseThrow().outcome()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(journal().last().orElseThrow().undoable()).isFalse();
    }

    @Test
    void whenRestoringFailsTooTheEntrySaysWhatIsLeft() {
        Rule other = Fixture.createRule(lbs, 20, "/web/*", 100, 0);
        Function<Integer, RuntimeException> failSecondAndThird =
                n -> n >= 2 ? new CoreException.Unavailable("ELBv2", "down", null) : null;
        Fixture.Intercepting port = new Fixture.Intercepting(lbs, failSecondAndThird);

        AuditEntry entry = applier(port).apply(twoRules(other), "ops", "both");

        assertThat(entry.outcome()).isEqualTo(Outcome.FAILED_PARTIAL);
        assertThat(entry.detail()).contains("rule 10 (" + rule.arn() + ") could not be restored");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(90, 10));
        assertThat(entry.after()).extracting(Resource::arn).containsExactly(rule.arn(), other.arn());
    }

    @Test
    void anUnexpectedExceptionPartWayIsRestoredToo() {
        Rule other = Fixture.createRule(lbs, 20, "/web/*", 100, 0);
        Fixture.Intercepting port =
                new Fixture.Intercepting(lbs, n -> n == 2 ? new IllegalStateException("adapter bug") : null);

        AuditEntry entry = applier(port).apply(twoRules(other), "ops", "both");

        assertThat(entry.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(entry.detail()).contains("adapter bug");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
    }

    @Test
    void aProcessKilledMidApplyLeavesAnIntentWithNoFinalEntry() {
        Fixture.Intercepting port = new Fixture.Intercepting(lbs, n -> {
            throw new KilledError();
        });

        assertThatThrownBy(() -> applier(port).apply(shift(90, 10), "ops", "canary"))
                .isInstanceOf(KilledError.class);

        AuditJournal reopened = journal();
        assertThat(reopened.incomplete()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("shift weights of rule 10");
            assertThat(e.inverse().getFirst().weights()).containsEntry(LEGACY, 100);
        });
        assertThat(reopened.entries()).noneMatch(JournalEntry::undoable);
    }

    /** Stands in for kill -9: nothing after the call runs. */
    private static final class KilledError extends Error {}

    @Test
    void aFailureOnTheFirstCallChangesNothing() {
        lbs.failNext("ModifyRule", new CoreException.Denied("ModifyRule", "no policy", null));

        AuditEntry entry = applier(lbs).apply(shift(90, 10), "ops", "canary");

        assertThat(entry.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
        assertThat(entry.detail())
                .contains("not allowed to ModifyRule: no policy")
                .contains("restored the 0 call(s)");
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
    }

    @Test
    void convergenceLagIsVerifiedAfterRetriesWithBackoff() {
        lbs.lagRuleReads(2);

        AuditEntry entry = applier(lbs).apply(shift(90, 10), "ops", "canary");

        assertThat(entry.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(((Rule) entry.after().getFirst()).action()).isEqualTo(Samples.split(90, 10));
    }

    @Test
    void lagThatOutlastsTheBoundIsUnverified() {
        lbs.lagRuleReads(10);

        AuditEntry entry = applier(lbs).apply(shift(90, 10), "ops", "canary");

        assertThat(entry.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(entry.detail())
                .contains("after 4 read(s)")
                .contains("reads priority 10, 1 condition(s), forward to legacy 100, replacement 0");
        assertThat(sleeper.sleeps)
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(journal().last().orElseThrow().undoable()).isTrue();
    }

    @Test
    void anUnverifiedChangeCanBeUndoneOnceItHasConverged() {
        lbs.lagRuleReads(10);
        applier(lbs).apply(shift(90, 10), "ops", "canary");
        lbs.lagRuleReads(0);
        for (int i = 0; i < 10; i++) {
            lbs.rules(Samples.HTTP_LISTENER); // ALB converges: the stale reads run out
        }

        AuditEntry undone = applier(lbs).undoLast("ops", "back");

        assertThat(undone.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(Fixture.forwardOf(lbs, rule.arn())).isEqualTo(Samples.split(100, 0));
    }

    @Test
    void undoOfAChangeThatChangedNothingIsRefused() {
        ChangePlan plan = shift(90, 10);
        lbs.failNext("ModifyRule", new CoreException.Throttled("ModifyRule", null));
        AuditEntry failed = applier(lbs).apply(plan, "ops", "canary");

        assertThatThrownBy(() -> applier(lbs).undo(failed.id(), "ops", "back"))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("outcome: FAILED_RESTORED");
        assertThatThrownBy(() -> applier(lbs).undoLast("ops", "back")).isInstanceOf(CoreException.NotFound.class);
    }

    private ChangePlan twoRules(Rule other) {
        ChangePlan first = shift(90, 10);
        ChangePlan second = planner(lbs).shiftWeights(other.arn(), Map.of(LEGACY, 80, REPLACEMENT, 20));
        List<dev.triage.core.domain.ApiCall> calls = new ArrayList<>(first.calls());
        calls.addAll(second.calls());
        return new ChangePlan(
                "plan-both",
                "shift two rules",
                calls,
                List.of(first.before().getFirst(), second.before().getFirst()),
                List.of(first.after().getFirst(), second.after().getFirst()),
                null);
    }

    private int modifyCount() {
        return (int) lbs.calls().stream().filter("ModifyRule"::equals).count();
    }
}
