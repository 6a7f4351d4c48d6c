package dev.triage.core.domain;

/**
 * A listener rule's condition, one of the six types an Application Load Balancer knows. Each
 * condition holds 1 to {@value #MAX_VALUES} values (ALB: "up to three match evaluations per
 * condition"); a rule holds at most {@value Rule#MAX_CONDITION_VALUES} values across all its
 * conditions (see {@link Rule}).
 */
public sealed interface Condition
        permits HostHeader, PathPattern, HttpHeader, HttpRequestMethod, QueryString, SourceIp {

    /** At most this many values (match evaluations) in one condition. */
    int MAX_VALUES = 3;

    /** At most this many characters in one value (host, path, header value, query key or value). */
    int MAX_VALUE_LENGTH = 128;

    /** The field name as ELBv2 spells it: host-header, path-pattern, http-header, ... */
    String field();

    /** How many values ALB counts for this condition against the per-rule limit. */
    int valueCount();

    /** A one-line description such as {@code path-pattern is /api/* or /v2/*}. */
    String describe();
}
