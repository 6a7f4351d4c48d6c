package dev.triage.agent.route;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/**
 * A forward action's weighted choice among target groups, precomputed: cumulative weights, and one
 * ready ForwardChoice (with its Set-Cookie) per group, so a choice allocates nothing.
 *
 * <p>Group stickiness: the cookie's value is "index.hash", where the hash covers the action's group
 * names in order; a cookie whose hash differs (the groups changed) or whose group now has weight 0
 * is ignored and a fresh weighted choice is made.
 */
final class WeightedGroups {

    static final String COOKIE_NAME = "TriageTG";

    private final List<String> names;
    private final int[] weights;
    private final int[] cumulative;
    private final int totalWeight;
    private final ForwardChoice[] choices;
    private final String configHash;
    private final boolean sticky;
    private final Supplier<? extends RandomGenerator> random;

    private WeightedGroups(
            List<String> names,
            int[] weights,
            ForwardChoice[] choices,
            String configHash,
            boolean sticky,
            Supplier<? extends RandomGenerator> random) {
        this.names = names;
        this.weights = weights;
        this.cumulative = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.totalWeight = sum;
        this.choices = choices;
        this.configHash = configHash;
        this.sticky = sticky;
        this.random = random;
    }

    static WeightedGroups compile(Action.Forward forward, String field, Supplier<? extends RandomGenerator> random) {
        if (forward == null) {
            throw new IllegalArgumentException(field + ".forward: null (expected: target groups for a forward action)");
        }
        List<Action.WeightedTargetGroup> groups = forward.targetGroups();
        if (groups.isEmpty() || groups.size() > Action.Forward.MAX_TARGET_GROUPS) {
            throw new IllegalArgumentException(field + ".forward.targetGroups: " + groups.size()
                    + " groups (expected: 1.." + Action.Forward.MAX_TARGET_GROUPS + ")");
        }
        String[] names = new String[groups.size()];
        int[] weights = new int[groups.size()];
        boolean anyPositive = false;
        for (int i = 0; i < names.length; i++) {
            Action.WeightedTargetGroup group = groups.get(i);
            String groupField = field + ".forward.targetGroups[" + i + "]";
            if (group == null || group.name() == null || group.name().isBlank()) {
                throw new IllegalArgumentException(groupField + ".name: missing (expected: a target group name)");
            }
            if (group.weight() < 0 || group.weight() > Action.Forward.MAX_WEIGHT) {
                throw new IllegalArgumentException(groupField + ".weight: " + group.weight() + " (expected: 0.."
                        + Action.Forward.MAX_WEIGHT + ")");
            }
            names[i] = group.name();
            weights[i] = group.weight();
            anyPositive |= group.weight() > 0;
        }
        if (names.length == 1) {
            weights[0] = 1; // as on an ALB, a lone group takes all traffic whatever its weight
        } else if (!anyPositive) {
            throw new IllegalArgumentException(
                    field + ".forward.targetGroups: every weight is 0 (expected: at least one group above 0)");
        }
        Action.Stickiness stickiness = forward.stickiness();
        boolean sticky = stickiness != null && stickiness.enabled();
        if (sticky && stickiness.durationSeconds() <= 0) {
            throw new IllegalArgumentException(field + ".forward.stickiness.durationSeconds: "
                    + stickiness.durationSeconds() + " (expected: 1 or more when enabled)");
        }
        String hash = hashOf(names);
        ForwardChoice[] choices = new ForwardChoice[names.length];
        for (int i = 0; i < names.length; i++) {
            String cookie = sticky
                    ? COOKIE_NAME + "=" + i + "." + hash + "; Max-Age=" + stickiness.durationSeconds()
                            + "; Path=/; HttpOnly"
                    : null;
            choices[i] = new ForwardChoice(names[i], cookie);
        }
        return new WeightedGroups(List.of(names), weights, choices, hash, sticky, random);
    }

    ForwardChoice choose(ProxyRequest request) {
        if (choices.length == 1) {
            return choices[0];
        }
        if (sticky) {
            int pinned = pinnedGroup(request.headers());
            if (pinned >= 0) {
                return choices[pinned];
            }
        }
        int draw = random.get().nextInt(totalWeight);
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return choices[i];
            }
        }
        throw new AssertionError("draw " + draw + " beyond total weight " + totalWeight);
    }

    List<String> names() {
        return names;
    }

    /** The group a valid sticky cookie names, if it still takes traffic; otherwise -1. */
    private int pinnedGroup(Headers headers) {
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase("cookie")) {
                int group = groupInCookieHeader(field.value());
                if (group >= 0) {
                    return group;
                }
            }
        }
        return -1;
    }

    private int groupInCookieHeader(String header) {
        int start = 0;
        while (start < header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            int nameStart = skipSpaces(header, start, end);
            int nameEnd = nameStart + COOKIE_NAME.length();
            if (nameEnd < end
                    && header.charAt(nameEnd) == '='
                    && header.regionMatches(nameStart, COOKIE_NAME, 0, COOKIE_NAME.length())) {
                return groupInToken(header, nameEnd + 1, trimEnd(header, nameEnd + 1, end));
            }
            start = end + 1;
        }
        return -1;
    }

    /** "index.hash" with a known index, the current hash and a group that still has weight. */
    private int groupInToken(String header, int from, int to) {
        int dot = header.indexOf('.', from);
        if (dot != from + 1 || dot >= to) {
            return -1; // at most five groups: the index is one digit
        }
        int index = header.charAt(from) - '0';
        if (index < 0 || index >= weights.length || weights[index] == 0) {
            return -1;
        }
        int hashLength = to - dot - 1;
        boolean current = hashLength == configHash.length() && header.regionMatches(dot + 1, configHash, 0, hashLength);
        return current ? index : -1;
    }

    private static int skipSpaces(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int from, int to) {
        int i = to;
        while (i > from && text.charAt(i - 1) == ' ') {
            i--;
        }
        return i;
    }

    private static String hashOf(String[] names) {
        CRC32 crc = new CRC32();
        for (String name : names) {
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            crc.update(0);
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("forward[");
        for (int i = 0; i < weights.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(weights[i]);
        }
        return text.append(sticky ? ", sticky]" : "]").toString();
    }
}
