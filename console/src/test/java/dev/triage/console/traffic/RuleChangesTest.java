package dev.triage.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-rule changes in words, for the history and the undo preview. */
class RuleChangesTest {

    private static final String LISTENER = "arn:listener/app/edge/1/80";
    private static final Rule MAINTENANCE = new Rule(
            "arn:rule/1",
            LISTENER,
            RulePriority.of(1),
            List.of(PathPattern.of("/api/v1/notes*"), HttpRequestMethod.of("POST")),
            List.of(new FixedResponse(503, "text/plain", "maintenance")));

    @Test
    void anAddedRuleReadsAsItsConditionsAndAction() {
        assertThat(RuleChanges.lines(List.of(), List.of(MAINTENANCE)))
                .containsExactly("add rule 1 (when path-pattern is /api/v1/notes* and method is POST, answer 503"
                        + " with a 11-character body)");
    }

    @Test
    void undoingAnAddReadsAsADelete() {
        assertThat(RuleChanges.lines(List.<Resource>of(MAINTENANCE), List.of()))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("delete rule 1 (when path-pattern"));
    }

    @Test
    void aMovedAndChangedRuleSaysBoth() {
        Rule moved = MAINTENANCE
                .withPriority(RulePriority.of(5))
                .with(MAINTENANCE.conditions(), List.of(Forward.to("arn:targetgroup/legacy/1")));

        assertThat(RuleChanges.lines(List.of(MAINTENANCE), List.of(moved)))
                .containsExactly("rule 1 moved 1 → 5: when path-pattern is /api/v1/notes* and method is POST, answer"
                        + " 503 with a 11-character body → when path-pattern is /api/v1/notes* and method is POST,"
                        + " forward: legacy 100%");
    }

    @Test
    void nothingChangedReadsAsNothing() {
        assertThat(RuleChanges.lines(List.of(MAINTENANCE), List.of(MAINTENANCE)))
                .isEmpty();
    }
}
