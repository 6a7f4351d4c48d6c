package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void collectsEveryProblemBeforeThrowing() {
        Validation v = Validation.of("thing");
        v.range("weight", 1200, 0, 999);
        v.present("name", " ", "a name");
        v.check(true, "never reported");
        v.check(false, "port: taken (expected: a free port)");
        assertThat(v.ok()).isFalse();
        assertThatThrownBy(v::throwIfInvalid)
                .isInstanceOfSatisfying(CoreException.Invalid.class, e -> {
                    assertThat(e.subject()).isEqualTo("thing");
                    assertThat(e.problems())
                            .containsExactly(
                                    "weight: 1200 (expected: 0..999)",
                                    "name: ' ' (expected: a name)",
                                    "port: taken (expected: a free port)");
                })
                .hasMessage("thing has 3 problems: weight: 1200 (expected: 0..999); name: ' ' (expected: a name);"
                        + " port: taken (expected: a free port)");
    }

    @Test
    void passesWhenNothingIsWrong() {
        Validation v = Validation.of("thing");
        v.range("weight", 999, 0, 999);
        assertThatCode(v::throwIfInvalid).doesNotThrowAnyException();
    }

    @Test
    void invalidNeedsAtLeastOneProblem() {
        assertThatThrownBy(() -> new CoreException.Invalid("thing", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionMessagesReadAsSentences() {
        assertThat(new CoreException.NotFound("rule", "arn:r").getMessage()).isEqualTo("rule arn:r was not found");
        assertThat(new CoreException.Denied("modify rule arn:r", "no elasticloadbalancing:ModifyRule", null)
                        .getMessage())
                .isEqualTo("not allowed to modify rule arn:r: no elasticloadbalancing:ModifyRule");
        assertThat(new CoreException.Throttled("DescribeRules", null).getMessage())
                .isEqualTo("DescribeRules was throttled by the provider; wait a moment and try again");
        assertThat(new CoreException.Unavailable("ELBv2", "connection refused", null).getMessage())
                .isEqualTo("ELBv2 is unavailable: connection refused");
    }
}
