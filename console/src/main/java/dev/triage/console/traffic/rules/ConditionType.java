package dev.triage.console.traffic.rules;

import dev.triage.core.domain.Condition;
import dev.triage.core.domain.HostHeader;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.HttpRequestMethod;
import dev.triage.core.domain.PathPattern;
import dev.triage.core.domain.QueryString;
import dev.triage.core.domain.SourceIp;
import java.util.List;

/** The six condition types an Application Load Balancer knows, as the editor offers them. */
enum ConditionType {
    PATH_PATTERN("path-pattern", "path patterns, such as /api/*"),
    HOST_HEADER("host-header", "host names, such as api.example.com or *.example.com"),
    HTTP_REQUEST_METHOD("http-request-method", "methods, such as GET or POST"),
    HTTP_HEADER("http-header", "header values"),
    QUERY_STRING("query-string", "key=value pairs, or values under any key"),
    SOURCE_IP("source-ip", "CIDR blocks, such as 203.0.113.0/24");

    private final String field;
    private final String prompt;

    ConditionType(String field, String prompt) {
        this.field = field;
        this.prompt = prompt;
    }

    /** The field as ELBv2 spells it. */
    String field() {
        return field;
    }

    /** What the values field asks for. */
    String prompt() {
        return prompt + ", separated by commas";
    }

    boolean hasName() {
        return this == HTTP_HEADER;
    }

    /** The domain record for the typed values; throws the record's Invalid with every problem. */
    Condition build(String name, List<String> values) {
        return switch (this) {
            case PATH_PATTERN -> new PathPattern(values);
            case HOST_HEADER -> new HostHeader(values);
            case HTTP_REQUEST_METHOD -> new HttpRequestMethod(values);
            case HTTP_HEADER -> new HttpHeader(name == null || name.isBlank() ? null : name.strip(), values);
            case QUERY_STRING ->
                new QueryString(values.stream().map(ConditionType::pair).toList());
            case SOURCE_IP -> new SourceIp(values);
        };
    }

    static ConditionType of(Condition condition) {
        return switch (condition) {
            case PathPattern p -> PATH_PATTERN;
            case HostHeader h -> HOST_HEADER;
            case HttpRequestMethod m -> HTTP_REQUEST_METHOD;
            case HttpHeader h -> HTTP_HEADER;
            case QueryString q -> QUERY_STRING;
            case SourceIp s -> SOURCE_IP;
        };
    }

    /** A condition's values as the editor shows them: "a, b" ("key=value" for query pairs). */
    static List<String> values(Condition condition) {
        return switch (condition) {
            case PathPattern p -> p.values();
            case HostHeader h -> h.values();
            case HttpRequestMethod m -> m.values();
            case HttpHeader h -> h.values();
            case QueryString q ->
                q.pairs().stream()
                        .map(p -> p.key() == null ? p.value() : p.key() + "=" + p.value())
                        .toList();
            case SourceIp s -> s.cidrs();
        };
    }

    /** "key=value" is a pair; a text without '=' is a value under any key. */
    private static QueryString.KeyValue pair(String text) {
        int eq = text.indexOf('=');
        return eq < 0
                ? new QueryString.KeyValue(null, text)
                : new QueryString.KeyValue(
                        text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }

    @Override
    public String toString() {
        return field;
    }
}
