package dev.triage.agent.api.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole {@link AgentConfig} and reports every problem at once, each with its JSON path,
 * the value found and what was expected. An empty list means the config is valid.
 */
public final class ConfigValidator {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65_535;
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 50_000;

    private final Problems problems = new Problems();
    private final Set<String> ruleNames = new HashSet<>();

    private ConfigValidator() {}

    /** Every problem in {@code config}, in document order; empty when it is valid. */
    public static List<ConfigError> validate(AgentConfig config) {
        requireNonNull(config, "config");
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        return validator.problems.list();
    }

    private void check(AgentConfig config) {
        problems.notBlank("version", config.version(), "a non-blank label");
        if (config.listeners().isEmpty()) {
            problems.add("listeners", "[]", "at least one listener");
        }
        Set<String> groupNames = new LinkedHashSet<>();
        config.targetGroups().forEach(group -> groupNames.add(group.name()));
        groupNames.remove(null);
        long cacheMaxBytes = config.cache().maxBytes();
        checkListeners(config.listeners(), new Scope(groupNames, cacheMaxBytes));
        TargetGroupChecks.check(problems, config.targetGroups());
        problems.atLeast("cache.maxBytes", cacheMaxBytes, 1);
        AccessLog accessLog = config.accessLog();
        if (accessLog.enabled()) {
            problems.notBlank("accessLog.path", accessLog.path(), "a file path, or - for standard output");
        }
        DetectionChecks.check(problems, "detection", config.detection());
    }

    private void checkListeners(List<Listener> listeners, Scope scope) {
        Set<String> names = new HashSet<>();
        List<Listener> bound = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            Listener listener = listeners.get(i);
            String path = "listeners[" + i + "]";
            if (problems.notBlank(path + ".name", listener.name(), "a non-blank name") && !names.add(listener.name())) {
                problems.add(path + ".name", listener.name(), "a name no other listener uses");
            }
            checkProtocol(path, listener);
            boolean literal = Syntax.isIpLiteral(listener.bindAddress());
            if (!literal) {
                problems.add(
                        path + ".bindAddress", listener.bindAddress(), "a literal IPv4 or IPv6 address like 0.0.0.0");
            }
            if (problems.range(path + ".port", listener.port(), MIN_PORT, MAX_PORT) && literal) {
                checkPortClash(path, listener, bound);
                bound.add(listener);
            }
            checkRules(path, listener.rules(), scope);
            if (problems.present(
                    path + ".defaultAction", listener.defaultAction(), "an action for unmatched requests")) {
                ActionChecks.check(problems, path + ".defaultAction", listener.defaultAction(), scope.groupNames());
            }
        }
    }

    private void checkProtocol(String path, Listener listener) {
        Listener.Tls tls = listener.tls();
        if (Listener.HTTPS.equals(listener.protocol())) {
            if (problems.present(path + ".tls", tls, "certificateChainFile and privateKeyFile for an HTTPS listener")) {
                problems.notBlank(
                        path + ".tls.certificateChainFile",
                        tls.certificateChainFile(),
                        "the path of a PEM certificate chain file");
                problems.notBlank(
                        path + ".tls.privateKeyFile",
                        tls.privateKeyFile(),
                        "the path of a PEM PKCS#8 private key file");
            }
        } else if (Listener.HTTP.equals(listener.protocol())) {
            if (tls != null) {
                problems.add(path + ".tls", "{...}", "no tls on an HTTP listener (use protocol HTTPS)");
            }
        } else {
            problems.add(path + ".protocol", listener.protocol(), "HTTP or HTTPS");
        }
    }

    private void checkPortClash(String path, Listener listener, List<Listener> bound) {
        for (Listener other : bound) {
            boolean sameAddress = other.bindAddress().equals(listener.bindAddress())
                    || isWildcard(other.bindAddress())
                    || isWildcard(listener.bindAddress());
            if (other.port() == listener.port() && sameAddress) {
                problems.add(
                        path + ".port",
                        listener.port(),
                        "a port no other listener binds on " + listener.bindAddress() + " (listener " + other.name()
                                + " does)");
                return;
            }
        }
    }

    private static boolean isWildcard(String address) {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    private void checkRules(String listenerPath, List<Rule> rules, Scope scope) {
        Map<Integer, String> priorities = new HashMap<>();
        for (int j = 0; j < rules.size(); j++) {
            Rule rule = rules.get(j);
            String path = listenerPath + ".rules[" + j + "]";
            if (problems.notBlank(path + ".name", rule.name(), "a non-blank name") && !ruleNames.add(rule.name())) {
                problems.add(path + ".name", rule.name(), "a rule name used once in the whole config");
            }
            if (problems.range(path + ".priority", rule.priority(), MIN_PRIORITY, MAX_PRIORITY)) {
                String earlier = priorities.putIfAbsent(rule.priority(), String.valueOf(rule.name()));
                if (earlier != null) {
                    problems.add(
                            path + ".priority",
                            rule.priority(),
                            "a priority no other rule of this listener has (rule " + earlier + " has it)");
                }
            }
            ConditionChecks.checkAll(problems, path + ".conditions", rule.conditions());
            if (problems.present(path + ".action", rule.action(), "an action")) {
                ActionChecks.check(problems, path + ".action", rule.action(), scope.groupNames());
            }
            PolicyChecks.check(problems, path + ".policy", rule.policy(), scope.cacheMaxBytes());
        }
    }

    private record Scope(Set<String> groupNames, long cacheMaxBytes) {}
}
