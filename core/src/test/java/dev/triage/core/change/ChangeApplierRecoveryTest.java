package dev.triage.core.change;

import static dev.triage.core.domain.Samples.LEGACY;
import static dev.triage.core.domain.Samples.REPLACEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finishing applies a killed process left with an intent and no final line. */
class ChangeApplierRecoveryTest {

    private static final ChangeApplier.Verify VERIFY =
            new ChangeApplier.Verify(3, Duration.ofMillis(100), Duration.ofMillis(100));

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = Fixture.seeded();
    private final AtomicInteger ids = new AtomicInteger();
    private final Rule api = Fixture.createRule(lbs, 10, "/api/*", 100, 0);
    private final Rule web = Fixture.createRule(lbs, 20, "/web/*", 70, 30);

    private AuditJournal journal() {
        return new AuditJournal(dir.resolve("audit.jsonl"));
    }

    private ChangeApplier applier(LoadBalancers port) {
        return new ChangeApplier(
                port,
                new ChangePlanner(port, () -> "plan-" + ids.incrementAndGet()),
                journal(),
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
                duration -> {},
                VERIFY,
                () -> "entry-" + ids.incrementAndGet());
    }

    /** Applies a plan shifting both rules through a port that "dies" on modify call {@code killedAt}. */
    private String killedApply(int killedAt) {
        ChangePlanner planner = new ChangePlanner(lbs);
        ChangePlan first = planner.shiftWeights(api.arn(), Map.of(LEGACY, 90, REPLACEMENT, 10));
        ChangePlan second = planner.shiftWeights(web.arn(), Map.of(LEGACY, 0, REPLACEMENT, 100));
        List<ApiCall> calls = new ArrayList<>(first.calls());
        calls.addAll(second.calls());
        ChangePlan both = new ChangePlan(
                "plan-both",
                "shift two rules",
                calls,
                List.of(first.before().getFirst(), second.before().getFirst()),
                List.of(first.after().getFirst(), second.after().getFirst()),
                null);
        Fixture.Intercepting dying = new Fixture.Intercepting(lbs, n -> {
            if (n == killedAt) {
                throw new Killed();
            }
            return null;
        });
        assertThatThrownBy(() -> applier(dying).apply(both, "ops", "canary")).isInstanceOf(Killed.class);
        return journal().incomplete().getFirst().id();
    }

    @Test
    void restoresTheRulesAKilledApplyHadChangedAndLeavesTheOthers() {
        String id = killedApply(2);
        assertThat(Fixture.forwardOf(lbs, api.arn())).isEqualTo(Samples.split(90, 10));
        assertThat(Fixture.forwardOf(lbs, web.arn())).isEqualTo(Samples.split(70, 30));
        int modifiesBefore = modifies();

        List<JournalEntry> finished = applier(lbs).recover("oncall", "after the crash");

        assertThat(Fixture.forwardOf(lbs, api.arn())).isEqualTo(Samples.split(100, 0));
        assertThat(Fixture.forwardOf(lbs, web.arn())).isEqualTo(Samples.split(70, 30));
        assertThat(modifies() - modifiesBefore).isEqualTo(1);
        assertThat(finished).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.phase()).isEqualTo(JournalEntry.Phase.FINAL);
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
            assertThat(e.actor()).isEqualTo("ops");
            assertThat(e.detail()).contains("restored 1 rule(s)").contains("recovered by oncall (after the crash)");
            assertThat(e.after().getFirst().weights())
                    .containsExactly(Map.entry(LEGACY, 100), Map.entry(REPLACEMENT, 0));
            assertThat(e.undoable()).isFalse();
        });
        assertThat(journal().incomplete()).isEmpty();
        assertThat(journal().finalEntry(id)).isEqualTo(finished.getFirst());
    }

    @Test
    void anApplyKilledBeforeItsFirstCallTookEffectIsClosedWithoutCalls() {
        killedApply(1);
        int modifiesBefore = modifies();

        List<JournalEntry> finished = applier(lbs).recover("oncall", "");

        assertThat(modifies()).isEqualTo(modifiesBefore);
        assertThat(finished).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED_RESTORED);
            assertThat(e.detail()).contains("before any call took effect").endsWith("recovered by oncall");
        });
        assertThat(Fixture.forwardOf(lbs, api.arn())).isEqualTo(Samples.split(100, 0));
        assertThat(journal().incomplete()).isEmpty();
    }

    @Test
    void nothingToRecoverWritesNothing() {
        AuditEntry applied = applier(lbs)
                .apply(new ChangePlanner(lbs).shiftWeights(api.arn(), Map.of(LEGACY, 50, REPLACEMENT, 50)), "ops", "");
        long lines = journal().entries().size();

        assertThat(applier(lbs).recover("oncall", "")).isEmpty();

        assertThat(journal().entries()).hasSize((int) lines);
        assertThat(applied.outcome()).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void aRuleChangedBySomeoneElseSinceIsAConflictAndStaysIncomplete() {
        killedApply(2);
        lbs.modifyRule(api.arn(), api.conditions(), List.of(Samples.split(1, 1)));
        int modifiesBefore = modifies();

        assertThatThrownBy(() -> applier(lbs).recover("oncall", ""))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("was not recovered")
                .hasMessageContaining("rule 10 (" + api.arn() + ") reads");

        assertThat(modifies()).isEqualTo(modifiesBefore);
        assertThat(journal().incomplete()).hasSize(1);
        assertThat(Fixture.forwardOf(lbs, api.arn())).isEqualTo(Samples.split(1, 1));
    }

    @Test
    void aRestoreCallThatFailsIsJournalledAsPartialWithTheInverse() {
        killedApply(2);
        lbs.failNext("ModifyRule", new CoreException.Unavailable("lb", "down", null));

        List<JournalEntry> finished = applier(lbs).recover("oncall", "");

        assertThat(finished).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED_PARTIAL);
            assertThat(e.detail()).contains("restoring failed").contains("lb is unavailable: down");
            assertThat(e.inverse()).isNotEmpty();
        });
        assertThat(Fixture.forwardOf(lbs, api.arn())).isEqualTo(Samples.split(90, 10));
    }

    @Test
    void noChangeIsAppliedWhileAnInterruptedOneIsUnfinishedAndRecoveringReleasesIt() {
        String interrupted = killedApply(2);
        ChangePlan next = new ChangePlanner(lbs).shiftWeights(web.arn(), Map.of(LEGACY, 50, REPLACEMENT, 50));
        int modifiesBefore = modifies();

        assertThatThrownBy(() -> applier(lbs).apply(next, "ops", "next step"))
                .isInstanceOf(CoreException.Conflict.class)
                .hasMessageContaining("the change " + interrupted)
                .hasMessageContaining("was interrupted")
                .hasMessageContaining("triage recover");
        assertThat(modifies()).isEqualTo(modifiesBefore);

        applier(lbs).recover("oncall", "after the crash");
        ChangePlan replanned = new ChangePlanner(lbs).shiftWeights(web.arn(), Map.of(LEGACY, 50, REPLACEMENT, 50));
        AuditEntry applied = applier(lbs).apply(replanned, "ops", "next step");

        assertThat(applied.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(Fixture.forwardOf(lbs, web.arn())).isEqualTo(Samples.split(50, 50));
    }

    private int modifies() {
        return (int) lbs.calls().stream().filter("ModifyRule"::equals).count();
    }

    /** Stands in for kill -9 in-process: nothing after the call runs. */
    private static final class Killed extends Error {}
}
