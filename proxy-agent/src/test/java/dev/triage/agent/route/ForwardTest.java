package dev.triage.agent.route;

import static dev.triage.agent.route.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.Action.WeightedTargetGroup;
import dev.triage.agent.api.config.Listener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ForwardTest {

    private static RouteAction.Forward forward(
            RandomGenerator random, Action.Stickiness stickiness, WeightedTargetGroup... groups) {
        Action action = new Action(Action.FORWARD, new Action.Forward(List.of(groups), stickiness), null, null);
        Router router = Router.compile(new Listener("web", null, null, 80, List.of(), action), () -> random);
        return (RouteAction.Forward) router.match(get("/")).action();
    }

    private static Map<String, Integer> draw(RouteAction.Forward forward, int times, String... headers) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < times; i++) {
            String cookie = headers.length == 0 ? null : headers[0];
            counts.merge(
                    forward.choose(cookie == null ? get("/") : get("/", "Cookie", cookie))
                            .targetGroup(),
                    1,
                    Integer::sum);
        }
        return counts;
    }

    @Test
    void splitsNinetyTenWithinTwoPointsOverTenThousandDraws() {
        RouteAction.Forward forward = forward(
                new SplittableRandom(20_240_601L),
                null,
                new WeightedTargetGroup("legacy", 90),
                new WeightedTargetGroup("replacement", 10));

        Map<String, Integer> counts = draw(forward, 10_000);

        assertThat(counts.get("legacy")).isBetween(8_800, 9_200);
        assertThat(counts.get("replacement")).isBetween(800, 1_200);
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        WeightedTargetGroup a = new WeightedTargetGroup("a", 1);
        WeightedTargetGroup b = new WeightedTargetGroup("b", 1);
        RouteAction.Forward first = forward(new SplittableRandom(7), null, a, b);
        RouteAction.Forward second = forward(new SplittableRandom(7), null, a, b);

        for (int i = 0; i < 100; i++) {
            assertThat(first.choose(get("/")).targetGroup())
                    .isEqualTo(second.choose(get("/")).targetGroup());
        }
    }

    @Test
    void neverChoosesAGroupOfWeightZero() {
        RouteAction.Forward forward = forward(
                new SplittableRandom(1),
                null,
                new WeightedTargetGroup("drained", 0),
                new WeightedTargetGroup("live", 5),
                new WeightedTargetGroup("off", 0));

        assertThat(draw(forward, 2_000)).containsOnlyKeys("live");
    }

    @Test
    void aLoneGroupTakesAllTrafficWithoutACookie() {
        RouteAction.Forward forward = forward(new SplittableRandom(1), null, new WeightedTargetGroup("only", 0));

        ForwardChoice choice = forward.choose(get("/"));

        assertThat(choice.targetGroup()).isEqualTo("only");
        assertThat(choice.hasCookie()).isFalse();
    }

    @Test
    void stickinessKeepsTheClientsGroup() {
        RouteAction.Forward forward = forward(
                new SplittableRandom(3),
                new Action.Stickiness(true, 3600),
                new WeightedTargetGroup("legacy", 50),
                new WeightedTargetGroup("replacement", 50));
        ForwardChoice first = forward.choose(get("/"));
        String cookie = first.setCookie().substring(0, first.setCookie().indexOf(';'));

        assertThat(first.setCookie()).startsWith("TriageTG=").contains("Max-Age=3600");
        for (int i = 0; i < 200; i++) {
            ForwardChoice again = forward.choose(get("/", "Cookie", "session=abc; " + cookie + "; theme=dark"));
            assertThat(again.targetGroup()).isEqualTo(first.targetGroup());
        }
    }

    @Test
    void ignoresAStickyCookieForAGroupWhoseWeightIsNowZero() {
        Action.Stickiness sticky = new Action.Stickiness(true, 600);
        WeightedTargetGroup legacy = new WeightedTargetGroup("legacy", 1);
        WeightedTargetGroup replacement = new WeightedTargetGroup("replacement", 1);
        RouteAction.Forward before = forward(new SplittableRandom(5), sticky, legacy, replacement);
        String cookie = cookieFor(before, "legacy");
        RouteAction.Forward after =
                forward(new SplittableRandom(5), sticky, new WeightedTargetGroup("legacy", 0), replacement);

        for (int i = 0; i < 50; i++) {
            ForwardChoice choice = after.choose(get("/", "Cookie", cookie));
            assertThat(choice.targetGroup()).isEqualTo("replacement");
            assertThat(choice.setCookie()).startsWith("TriageTG=1.");
        }
    }

    @Test
    void ignoresAStickyCookieMadeForAnotherGroupList() {
        Action.Stickiness sticky = new Action.Stickiness(true, 600);
        RouteAction.Forward old = forward(
                new SplittableRandom(5),
                sticky,
                new WeightedTargetGroup("legacy", 1),
                new WeightedTargetGroup("replacement", 1));
        String staleCookie = cookieFor(old, "legacy");
        RouteAction.Forward current = forward(
                new SplittableRandom(5),
                sticky,
                new WeightedTargetGroup("legacy-v2", 1),
                new WeightedTargetGroup("replacement", 1));

        assertThat(draw(current, 200, staleCookie)).containsOnlyKeys("legacy-v2", "replacement");
        assertThat(draw(current, 200, "TriageTG=garbage")).containsOnlyKeys("legacy-v2", "replacement");
        assertThat(draw(current, 200, cookieFor(current, "legacy-v2"))).containsOnlyKeys("legacy-v2");
    }

    @Test
    void rejectsForwardsThatCannotRoute() {
        assertThatThrownBy(() -> forward(
                        new SplittableRandom(1),
                        null,
                        new WeightedTargetGroup("a", 0),
                        new WeightedTargetGroup("b", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every weight is 0");
        assertThatThrownBy(() -> forward(new SplittableRandom(1), null, new WeightedTargetGroup("a", 1000)))
                .hasMessageContaining("targetGroups[0].weight: 1000 (expected: 0..999)");
        assertThatThrownBy(() -> forward(
                        new SplittableRandom(1), new Action.Stickiness(true, -1), new WeightedTargetGroup("a", 1)))
                .hasMessageContaining("stickiness.durationSeconds: -1");
    }

    /** Draws until the action picks {@code group}, and returns the Cookie header that pins it. */
    private static String cookieFor(RouteAction.Forward forward, String group) {
        for (int i = 0; i < 1_000; i++) {
            ForwardChoice choice = forward.choose(get("/"));
            if (choice.targetGroup().equals(group)) {
                return choice.setCookie().substring(0, choice.setCookie().indexOf(';'));
            }
        }
        throw new AssertionError(group + " never chosen in 1000 draws");
    }
}
