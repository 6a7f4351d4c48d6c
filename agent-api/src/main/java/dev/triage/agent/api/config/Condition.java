package dev.triage.agent.api.config;

import java.util.List;

/**
 * One ALB rule condition.
 *
 * <ul>
 *   <li>{@code path-pattern}: values are patterns with {@code *} and {@code ?}, case-sensitive
 *   <li>{@code host-header}: values are host patterns with {@code *} and {@code ?}, case-insensitive
 *   <li>{@code http-header}: {@code headerName} plus value patterns, case-insensitive
 *   <li>{@code http-request-method}: values are method names, case-sensitive
 *   <li>{@code query-string}: {@code queryPairs}, each with an optional key and a value pattern
 *   <li>{@code source-ip}: values are CIDR blocks (IPv4 or IPv6)
 * </ul>
 */
public record Condition(String type, String headerName, List<String> values, List<QueryPair> queryPairs) {

    public static final String PATH_PATTERN = "path-pattern";
    public static final String HOST_HEADER = "host-header";
    public static final String HTTP_HEADER = "http-header";
    public static final String HTTP_REQUEST_METHOD = "http-request-method";
    public static final String QUERY_STRING = "query-string";
    public static final String SOURCE_IP = "source-ip";
    public static final List<String> TYPES =
            List.of(PATH_PATTERN, HOST_HEADER, HTTP_HEADER, HTTP_REQUEST_METHOD, QUERY_STRING, SOURCE_IP);

    /** ALB allows at most five values (or key/value pairs) per condition. */
    public static final int MAX_VALUES = 5;

    public Condition {
        values = values == null ? List.of() : List.copyOf(values);
        queryPairs = queryPairs == null ? List.of() : List.copyOf(queryPairs);
    }

    /** A query-string condition's pair; a null key matches the value against any parameter. */
    public record QueryPair(String key, String value) {}
}
