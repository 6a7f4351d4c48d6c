package dev.triage.agent.api.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a rule's conditions the way an ALB does. */
final class ConditionChecks {

    /** ALB: a value or pattern is at most 128 characters. */
    static final int MAX_PATTERN_LENGTH = 128;
    /** ALB: an http-header condition names a header of at most 40 characters. */
    static final int MAX_HEADER_NAME_LENGTH = 40;

    /** ALB allows at most one condition of each of these types per rule. */
    private static final Set<String> ONCE_PER_RULE =
            Set.of(Condition.PATH_PATTERN, Condition.HOST_HEADER, Condition.HTTP_REQUEST_METHOD, Condition.SOURCE_IP);

    private static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9.*?-]+");

    private ConditionChecks() {}

    static void checkAll(Problems problems, String path, List<Condition> conditions) {
        if (conditions.isEmpty()) {
            problems.add(path, "[]", "at least one condition (the listener's defaultAction catches the rest)");
        }
        Map<String, Integer> firstOfType = new HashMap<>();
        for (int k = 0; k < conditions.size(); k++) {
            Condition condition = conditions.get(k);
            String conditionPath = path + "[" + k + "]";
            if (!Condition.TYPES.contains(condition.type())) {
                problems.add(conditionPath + ".type", condition.type(), "one of " + String.join(", ", Condition.TYPES));
                continue;
            }
            Integer earlier = firstOfType.putIfAbsent(condition.type(), k);
            if (earlier != null && ONCE_PER_RULE.contains(condition.type())) {
                problems.add(
                        conditionPath + ".type",
                        condition.type(),
                        "one " + condition.type() + " condition per rule (conditions[" + earlier
                                + "] is one; list more values there instead)");
            }
            check(problems, conditionPath, condition);
        }
    }

    private static void check(Problems problems, String path, Condition condition) {
        String type = condition.type();
        if (Condition.HTTP_HEADER.equals(type)) {
            String name = condition.headerName();
            if (!Syntax.isToken(name) || name.length() > MAX_HEADER_NAME_LENGTH) {
                problems.add(
                        path + ".headerName",
                        name,
                        "a header name (token of 1.." + MAX_HEADER_NAME_LENGTH + " characters)");
            }
        } else if (condition.headerName() != null) {
            problems.add(path + ".headerName", condition.headerName(), "absent for a " + type + " condition");
        }
        if (Condition.QUERY_STRING.equals(type)) {
            checkQueryPairs(problems, path, condition);
            return;
        }
        if (!condition.queryPairs().isEmpty()) {
            problems.add(
                    path + ".queryPairs",
                    condition.queryPairs().size() + " pairs",
                    "absent for a " + type + " condition");
        }
        List<String> values = condition.values();
        if (values.isEmpty() || values.size() > Condition.MAX_VALUES) {
            problems.add(path + ".values", values.size() + " values", "1.." + Condition.MAX_VALUES + " values");
        }
        for (int v = 0; v < values.size(); v++) {
            checkValue(problems, path + ".values[" + v + "]", type, values.get(v));
        }
    }

    private static void checkValue(Problems problems, String path, String type, String value) {
        if (value.isEmpty() || value.length() > MAX_PATTERN_LENGTH) {
            problems.add(
                    path,
                    value.isEmpty() ? value : value.length() + " characters",
                    "1.." + MAX_PATTERN_LENGTH + " characters");
            return;
        }
        switch (type) {
            case Condition.PATH_PATTERN -> {
                if (!value.startsWith("/")) {
                    problems.add(path, value, "a path pattern starting with /");
                }
            }
            case Condition.HOST_HEADER -> {
                if (!HOST_PATTERN.matcher(value).matches()) {
                    problems.add(path, value, "a host pattern of letters, digits, '-', '.', '*' and '?'");
                }
            }
            case Condition.HTTP_REQUEST_METHOD -> {
                if (!Syntax.isMethod(value)) {
                    problems.add(path, value, "a method name in upper case, like GET");
                }
            }
            case Condition.SOURCE_IP -> {
                if (!Syntax.isCidr(value)) {
                    problems.add(path, value, "a CIDR block like 192.0.2.0/24 or 2001:db8::/32");
                }
            }
            default -> {
                // http-header values are free-form patterns
            }
        }
    }

    private static void checkQueryPairs(Problems problems, String path, Condition condition) {
        if (!condition.values().isEmpty()) {
            problems.add(path + ".values", condition.values(), "absent for a query-string condition (use queryPairs)");
        }
        List<Condition.QueryPair> pairs = condition.queryPairs();
        if (pairs.isEmpty() || pairs.size() > Condition.MAX_VALUES) {
            problems.add(path + ".queryPairs", pairs.size() + " pairs", "1.." + Condition.MAX_VALUES + " pairs");
        }
        for (int q = 0; q < pairs.size(); q++) {
            Condition.QueryPair pair = pairs.get(q);
            String pairPath = path + ".queryPairs[" + q + "]";
            if (pair.key() != null && (pair.key().isEmpty() || pair.key().length() > MAX_PATTERN_LENGTH)) {
                problems.add(
                        pairPath + ".key", pair.key(), "absent (any key) or 1.." + MAX_PATTERN_LENGTH + " characters");
            }
            if (pair.value() == null || pair.value().isEmpty() || pair.value().length() > MAX_PATTERN_LENGTH) {
                problems.add(
                        pairPath + ".value",
                        pair.value(),
                        "a value pattern of 1.." + MAX_PATTERN_LENGTH + " characters");
            }
        }
    }
}
