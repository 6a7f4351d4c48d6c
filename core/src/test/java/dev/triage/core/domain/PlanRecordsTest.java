package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanRecordsTest {

    @Test
    void apiCallKeepsParameterOrderAndCannotBeChangedAfterwards() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("RuleArn", "r");
        params.put("Actions", List.of("forward"));
        params.put("Conditions", List.of());
        ApiCall call = new ApiCall("ModifyRule", params, "shift rule 10 to replacement 10%");
        params.put("Extra", 1);
        assertThat(call.parameters().keySet()).containsExactly("RuleArn", "Actions", "Conditions");
        assertThatThrownBy(() -> call.parameters().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void apiCallDescriptionIsOneLine() {
        assertThatThrownBy(() -> new ApiCall("ModifyRule", Map.of(), "two\nlines"))
                .hasMessage("API call ModifyRule: description: 'two\nlines' (expected: one line)");
    }

    @Test
    void planAfterStateCoversTheSameResourcesAsBefore() {
        Rule before = Samples.rule("r1", 10);
        Rule other = Samples.rule("r2", 11);
        ApiCall call = new ApiCall("ModifyRule", Map.of("RuleArn", "r1"), "shift");
        assertThatThrownBy(() -> new ChangePlan("p1", "shift", List.of(call), List.of(before), List.of(other), null))
                .hasMessage("change plan p1: after: [r2] (expected: the same resources as before, [r1])");
        ChangePlan plan = new ChangePlan("p1", "shift", List.of(call), List.of(before), List.of(before), null);
        assertThat(plan.withInverse("p0").inversePlanId()).isEqualTo("p0");
    }

    @Test
    void metricPointsMustMoveForwardInTime() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        var points = List.of(new MetricSeries.Point(t, 1), new MetricSeries.Point(t, 2));
        assertThatThrownBy(() -> new MetricSeries("RequestCount", "Count", Duration.ofMinutes(1), points))
                .hasMessage("metric series RequestCount: point: " + t + " after " + t
                        + " (expected: strictly increasing times)");
        var ok = List.of(new MetricSeries.Point(t, 1), new MetricSeries.Point(t.plusSeconds(60), 2));
        assertThat(new MetricSeries("RequestCount", "Count", Duration.ofMinutes(1), ok).sum())
                .isEqualTo(3);
    }
}
