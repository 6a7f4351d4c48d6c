package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardTest {

    @Test
    void rejectsWeightAbove999WithValueAndExpectation() {
        assertThatThrownBy(() -> new WeightedTargetGroup(Samples.LEGACY, 1200))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageEndingWith("weight: 1200 (expected: 0..999)");
    }

    @Test
    void rejectsNegativeWeight() {
        assertThatThrownBy(() -> new WeightedTargetGroup(Samples.LEGACY, -1))
                .hasMessageEndingWith("weight: -1 (expected: 0..999)");
    }

    @Test
    void acceptsWeightsAtTheBounds() {
        assertThat(Samples.split(0, 999).totalWeight()).isEqualTo(999);
    }

    @Test
    void acceptsFiveTargetGroupsAndRejectsSix() {
        List<WeightedTargetGroup> groups = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            groups.add(new WeightedTargetGroup("tg-" + i, 1));
        }
        assertThat(new Forward(groups.subList(0, 5), null).targetGroups()).hasSize(5);
        assertThatThrownBy(() -> new Forward(groups, null))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("forward action: target groups: 6 (expected: 1..5)");
    }

    @Test
    void rejectsNoTargetGroups() {
        assertThatThrownBy(() -> new Forward(List.of(), null))
                .hasMessage("forward action: target groups: 0 (expected: 1..5)");
    }

    @Test
    void rejectsTheSameTargetGroupTwice() {
        var twice = List.of(new WeightedTargetGroup("tg-1", 1), new WeightedTargetGroup("tg-1", 2));
        assertThatThrownBy(() -> new Forward(twice, null))
                .hasMessage("forward action: target group: tg-1 twice (expected: each target group once)");
    }

    @Test
    void groupStickinessMustBeOneSecondToSevenDays() {
        var groups = List.of(new WeightedTargetGroup("tg-1", 1));
        assertThat(new Forward(groups, Duration.ofSeconds(1)).stickiness()).hasSeconds(1);
        assertThat(new Forward(groups, Duration.ofSeconds(604_800)).stickiness())
                .hasSeconds(604_800);
        assertThatThrownBy(() -> new Forward(groups, Duration.ZERO))
                .hasMessage("forward action: stickiness seconds: 0 (expected: 1..604800)");
        assertThatThrownBy(() -> new Forward(groups, Duration.ofSeconds(604_801)))
                .hasMessage("forward action: stickiness seconds: 604801 (expected: 1..604800)");
    }

    @Test
    void withWeightChangesOneGroupAndKeepsTheOthers() {
        Forward shifted = Samples.split(90, 10).withWeight(Samples.REPLACEMENT, 50);
        assertThat(shifted.targetGroups())
                .containsExactly(
                        new WeightedTargetGroup(Samples.LEGACY, 90), new WeightedTargetGroup(Samples.REPLACEMENT, 50));
    }

    @Test
    void withWeightOfAGroupNotInTheActionIsInvalid() {
        assertThatThrownBy(() -> Samples.split(90, 10).withWeight("tg-x", 1))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("target group: tg-x (expected: one of ");
    }

    @Test
    void targetGroupsAreCopiedSoTheActionCannotChange() {
        List<WeightedTargetGroup> groups = new ArrayList<>(List.of(new WeightedTargetGroup("tg-1", 1)));
        Forward forward = new Forward(groups, null);
        groups.add(new WeightedTargetGroup("tg-2", 1));
        assertThat(forward.targetGroups()).hasSize(1);
    }
}
