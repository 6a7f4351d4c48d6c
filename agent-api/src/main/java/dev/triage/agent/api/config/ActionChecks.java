package dev.triage.agent.api.config;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks forward, redirect and fixed-response actions the way an ALB does. */
final class ActionChecks {

    static final List<String> TYPES = List.of(Action.FORWARD, Action.REDIRECT, Action.FIXED_RESPONSE);
    static final int MAX_STICKINESS_SECONDS = 604_800;
    static final List<String> REDIRECT_PROTOCOLS = List.of("HTTP", "HTTPS", "#{protocol}");

    private ActionChecks() {}

    static void check(Problems problems, String path, Action action, Set<String> groupNames) {
        String type = action.type();
        if (!TYPES.contains(type)) {
            problems.add(path + ".type", type, "one of " + String.join(", ", TYPES));
            return;
        }
        boolean forward = part(problems, path + ".forward", action.forward(), Action.FORWARD, type);
        boolean redirect = part(problems, path + ".redirect", action.redirect(), Action.REDIRECT, type);
        boolean fixed = part(problems, path + ".fixedResponse", action.fixedResponse(), Action.FIXED_RESPONSE, type);
        if (forward) {
            checkForward(problems, path + ".forward", action.forward(), groupNames);
        }
        if (redirect) {
            checkRedirect(problems, path + ".redirect", action.redirect());
        }
        if (fixed) {
            checkFixed(problems, path + ".fixedResponse", action.fixedResponse());
        }
    }

    /** The part for the chosen type must be set and the others absent; returns whether to check it. */
    private static boolean part(Problems problems, String path, Object part, String partType, String type) {
        if (partType.equals(type)) {
            return problems.present(path, part, "the " + type + " settings");
        }
        if (part != null) {
            problems.add(path, "set", "absent for a " + type + " action");
        }
        return false;
    }

    private static void checkForward(Problems problems, String path, Action.Forward forward, Set<String> groupNames) {
        List<Action.WeightedTargetGroup> groups = forward.targetGroups();
        if (groups.isEmpty() || groups.size() > Action.Forward.MAX_TARGET_GROUPS) {
            problems.add(
                    path + ".targetGroups",
                    groups.size() + " groups",
                    "1.." + Action.Forward.MAX_TARGET_GROUPS + " target groups");
        }
        Set<String> seen = new HashSet<>();
        boolean anyWeight = false;
        for (int g = 0; g < groups.size(); g++) {
            Action.WeightedTargetGroup group = groups.get(g);
            String groupPath = path + ".targetGroups[" + g + "]";
            if (group.name() == null || !groupNames.contains(group.name())) {
                String known = groupNames.isEmpty() ? "none are defined" : String.join(", ", groupNames);
                problems.add(groupPath + ".name", group.name(), "the name of a target group (" + known + ")");
            } else if (!seen.add(group.name())) {
                problems.add(groupPath + ".name", group.name(), "each target group once in a forward");
            }
            problems.range(groupPath + ".weight", group.weight(), 0, Action.Forward.MAX_WEIGHT);
            anyWeight |= group.weight() > 0;
        }
        if (!groups.isEmpty() && !anyWeight) {
            problems.add(path + ".targetGroups", "no positive weight", "at least one weight > 0");
        }
        Action.Stickiness stickiness = forward.stickiness();
        if (stickiness != null && stickiness.enabled()) {
            problems.range(
                    path + ".stickiness.durationSeconds", stickiness.durationSeconds(), 1, MAX_STICKINESS_SECONDS);
        }
    }

    private static void checkRedirect(Problems problems, String path, Action.Redirect redirect) {
        if (redirect.statusCode() != 301 && redirect.statusCode() != 302) {
            problems.add(path + ".statusCode", redirect.statusCode(), "301 or 302");
        }
        if (redirect.protocol() != null && !REDIRECT_PROTOCOLS.contains(redirect.protocol())) {
            problems.add(path + ".protocol", redirect.protocol(), "one of " + String.join(", ", REDIRECT_PROTOCOLS));
        }
        if (redirect.host() != null
                && (redirect.host().isBlank() || redirect.host().contains("/"))) {
            problems.add(path + ".host", redirect.host(), "a host name, #{host}, or absent to keep the request's");
        }
        if (redirect.port() != null && !"#{port}".equals(redirect.port()) && !isPort(redirect.port())) {
            problems.add(path + ".port", redirect.port(), "1..65535, #{port}, or absent to keep the request's");
        }
        if (redirect.path() != null && !redirect.path().startsWith("/")) {
            problems.add(path + ".path", redirect.path(), "a path starting with /, like /#{path}");
        }
        if (keeps(redirect.protocol(), "#{protocol}")
                && keeps(redirect.host(), "#{host}")
                && keeps(redirect.port(), "#{port}")
                && keeps(redirect.path(), "/#{path}")) {
            problems.add(path, "a redirect to the same URL", "a change of protocol, host, port or path (or it loops)");
        }
    }

    private static boolean keeps(String part, String placeholder) {
        return part == null || part.equals(placeholder);
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= ConfigValidator.MIN_PORT && number <= ConfigValidator.MAX_PORT;
    }

    private static void checkFixed(Problems problems, String path, Action.FixedResponse fixed) {
        problems.range(path + ".statusCode", fixed.statusCode(), 200, 599);
        if (fixed.body() != null) {
            int bytes = fixed.body().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Action.FixedResponse.MAX_BODY_BYTES) {
                problems.add(
                        path + ".body",
                        bytes + " bytes",
                        "at most " + Action.FixedResponse.MAX_BODY_BYTES + " bytes (UTF-8)");
            }
        }
        if (fixed.contentType() != null && fixed.contentType().isBlank()) {
            problems.add(path + ".contentType", fixed.contentType(), "a media type like text/plain, or absent");
        }
    }
}
