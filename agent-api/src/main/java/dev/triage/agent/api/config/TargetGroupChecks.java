package dev.triage.agent.api.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the target groups: names, targets, connection bounds and health checks. */
final class TargetGroupChecks {

    static final int MAX_CONNECTIONS_PER_TARGET = 10_000;
    static final int MIN_THRESHOLD = 2;
    static final int MAX_THRESHOLD = 10;

    /** ALB target group names: 1..32 letters, digits and hyphens, not starting or ending with one. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private TargetGroupChecks() {}

    static void check(Problems problems, List<TargetGroup> groups) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            TargetGroup group = groups.get(i);
            String path = "targetGroups[" + i + "]";
            String name = group.name();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(
                        path + ".name", name, "1..32 letters, digits or hyphens, not starting or ending with a hyphen");
            } else if (!names.add(name)) {
                problems.add(path + ".name", name, "a name no other target group uses");
            }
            checkTargets(problems, path + ".targets", group.targets());
            problems.atLeast(path + ".connectTimeoutMs", group.connectTimeoutMs(), 1);
            problems.range(
                    path + ".maxConnectionsPerTarget", group.maxConnectionsPerTarget(), 1, MAX_CONNECTIONS_PER_TARGET);
            problems.atLeast(path + ".maxResponseBytes", group.maxResponseBytes(), 1);
            if (group.healthCheck() != null) {
                checkHealth(problems, path + ".healthCheck", group.healthCheck());
            }
        }
    }

    private static void checkTargets(Problems problems, String path, List<TargetGroup.Target> targets) {
        if (targets.isEmpty()) {
            problems.add(path, "[]", "at least one target");
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < targets.size(); k++) {
            TargetGroup.Target target = targets.get(k);
            String targetPath = path + "[" + k + "]";
            boolean hostOk = target.host() != null
                    && !target.host().isBlank()
                    && target.host().chars().noneMatch(Character::isWhitespace);
            if (!hostOk) {
                problems.add(targetPath + ".host", target.host(), "a host name or IP address");
            }
            boolean portOk = problems.range(
                    targetPath + ".port", target.port(), ConfigValidator.MIN_PORT, ConfigValidator.MAX_PORT);
            if (hostOk && portOk && !seen.add(target.host().toLowerCase(Locale.ROOT) + ":" + target.port())) {
                problems.add(targetPath, target.host() + ":" + target.port(), "each target once in a group");
            }
        }
    }

    private static void checkHealth(Problems problems, String path, TargetGroup.HealthCheck check) {
        if (check.path() == null || !check.path().startsWith("/")) {
            problems.add(path + ".path", check.path(), "a path starting with /");
        }
        boolean intervalOk = problems.atLeast(path + ".intervalMs", check.intervalMs(), 1);
        boolean timeoutOk = problems.atLeast(path + ".timeoutMs", check.timeoutMs(), 1);
        if (intervalOk && timeoutOk && check.timeoutMs() >= check.intervalMs()) {
            problems.add(path + ".timeoutMs", check.timeoutMs(), "less than intervalMs (" + check.intervalMs() + ")");
        }
        problems.range(path + ".healthyThreshold", check.healthyThreshold(), MIN_THRESHOLD, MAX_THRESHOLD);
        problems.range(path + ".unhealthyThreshold", check.unhealthyThreshold(), MIN_THRESHOLD, MAX_THRESHOLD);
    }
}
