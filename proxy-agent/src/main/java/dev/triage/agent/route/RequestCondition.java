package dev.triage.agent.route;

import dev.triage.agent.api.config.Condition;
import dev.triage.agent.http.Headers;
import java.util.List;

/** One compiled rule condition; values inside it are OR-ed. */
sealed interface RequestCondition {

    boolean test(RequestView request);

    /** Compiles one config condition; {@code field} names it in errors ("rules[notes].conditions[0]"). */
    static RequestCondition compile(Condition condition, String field) {
        if (condition == null) {
            throw new IllegalArgumentException(field + ": null (expected: a condition)");
        }
        String type = condition.type();
        if (type == null) {
            throw new IllegalArgumentException(field + ".type: null (expected: one of " + Condition.TYPES + ")");
        }
        return switch (type) {
            case Condition.PATH_PATTERN -> new PathPattern(globs(condition.values(), field + ".values", false));
            case Condition.HOST_HEADER -> new HostHeader(globs(condition.values(), field + ".values", true));
            case Condition.HTTP_HEADER -> {
                String name = condition.headerName();
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(
                            field + ".headerName: '" + name + "' (expected: a header name for http-header)");
                }
                yield new HttpHeader(name, globs(condition.values(), field + ".values", true));
            }
            case Condition.HTTP_REQUEST_METHOD ->
                new Method(strings(condition.values(), field + ".values").toArray(String[]::new));
            case Condition.QUERY_STRING -> new QueryString(pairs(condition.queryPairs(), field + ".queryPairs"));
            case Condition.SOURCE_IP -> {
                List<String> values = strings(condition.values(), field + ".values");
                Cidr[] blocks = new Cidr[values.size()];
                for (int i = 0; i < blocks.length; i++) {
                    blocks[i] = Cidr.parse(values.get(i), field + ".values[" + i + "]");
                }
                yield new SourceIp(blocks);
            }
            default ->
                throw new IllegalArgumentException(
                        field + ".type: '" + type + "' (expected: one of " + Condition.TYPES + ")");
        };
    }

    private static List<String> strings(List<String> values, String field) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(field + ": empty (expected: 1.." + Condition.MAX_VALUES + " values)");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: null (expected: a value)");
            }
        }
        return values;
    }

    private static Glob[] globs(List<String> values, String field, boolean ignoreCase) {
        List<String> checked = strings(values, field);
        Glob[] globs = new Glob[checked.size()];
        for (int i = 0; i < globs.length; i++) {
            globs[i] = ignoreCase ? Glob.ignoringCase(checked.get(i)) : Glob.caseSensitive(checked.get(i));
        }
        return globs;
    }

    private static QueryString.Pair[] pairs(List<Condition.QueryPair> pairs, String field) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(field + ": empty (expected: 1.." + Condition.MAX_VALUES + " pairs)");
        }
        QueryString.Pair[] compiled = new QueryString.Pair[pairs.size()];
        for (int i = 0; i < compiled.length; i++) {
            Condition.QueryPair pair = pairs.get(i);
            if (pair == null || pair.value() == null) {
                throw new IllegalArgumentException(
                        field + "[" + i + "].value: null (expected: a value pattern, '*' for any value)");
            }
            Glob key = pair.key() == null ? null : Glob.ignoringCase(UrlText.decodeQueryComponent(pair.key()));
            compiled[i] = new QueryString.Pair(key, Glob.ignoringCase(UrlText.decodeQueryComponent(pair.value())));
        }
        return compiled;
    }

    private static boolean any(Glob[] globs, String text) {
        for (Glob glob : globs) {
            if (glob.matches(text)) {
                return true;
            }
        }
        return false;
    }

    /** Matched against the normalised path only, never the query; case-sensitive. */
    record PathPattern(Glob[] patterns) implements RequestCondition {
        @Override
        public boolean test(RequestView request) {
            return any(patterns, request.matchPath());
        }
    }

    /** Case-insensitive; the port in the Host header is ignored. */
    record HostHeader(Glob[] patterns) implements RequestCondition {
        @Override
        public boolean test(RequestView request) {
            String host = request.host();
            return host != null && any(patterns, host);
        }
    }

    /** Any value of the named header (any case) matching any pattern (any case). */
    record HttpHeader(String name, Glob[] patterns) implements RequestCondition {
        @Override
        public boolean test(RequestView request) {
            for (Headers.Field field : request.request.headers().fields()) {
                if (field.name().equalsIgnoreCase(name) && any(patterns, field.value())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Exact and case-sensitive, as on an ALB. */
    record Method(String[] methods) implements RequestCondition {
        @Override
        public boolean test(RequestView request) {
            String method = request.request.method();
            for (String candidate : methods) {
                if (candidate.equals(method)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Some parameter matches some pair; keys and values are URL-decoded, compared in any case. */
    record QueryString(Pair[] pairs) implements RequestCondition {
        record Pair(Glob key, Glob value) {}

        @Override
        public boolean test(RequestView request) {
            List<RequestView.QueryParam> params = request.queryParams();
            for (Pair pair : pairs) {
                for (RequestView.QueryParam param : params) {
                    if (matches(pair, param)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean matches(Pair pair, RequestView.QueryParam param) {
            if (pair.key() != null) {
                return pair.key().matches(param.key()) && pair.value().matches(valueOrEmpty(param));
            }
            // A value-only pair looks at every parameter's value, and at a bare "?flag" token.
            return param.value() == null
                    ? pair.value().matches(param.key())
                    : pair.value().matches(param.value());
        }

        private static String valueOrEmpty(RequestView.QueryParam param) {
            return param.value() == null ? "" : param.value();
        }
    }

    /** The client's address inside any block; IPv4 and IPv6 never match each other. */
    record SourceIp(Cidr[] blocks) implements RequestCondition {
        @Override
        public boolean test(RequestView request) {
            byte[] address = request.clientAddress();
            for (Cidr block : blocks) {
                if (block.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
