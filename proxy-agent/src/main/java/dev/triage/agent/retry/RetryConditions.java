package dev.triage.agent.retry;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.upstream.UpstreamException;
import java.util.List;

/** A policy's {@code retryOn} list, read once into flags so the hot path compares bits, not strings. */
record RetryConditions(long statusBits, boolean connectFailure, boolean reset, boolean timeout) {

    private static final int FIRST_STATUS = 500;

    static RetryConditions of(List<String> retryOn) {
        long bits = 0;
        boolean connectFailure = false;
        boolean reset = false;
        boolean timeout = false;
        for (String condition : retryOn) {
            switch (condition) {
                case RetryPolicy.CONNECT_FAILURE -> connectFailure = true;
                case RetryPolicy.RESET -> reset = true;
                case RetryPolicy.TIMEOUT -> timeout = true;
                default -> bits |= 1L << (Integer.parseInt(condition) - FIRST_STATUS);
            }
        }
        return new RetryConditions(bits, connectFailure, reset, timeout);
    }

    boolean retryable(int status) {
        int bit = status - FIRST_STATUS;
        return bit >= 0 && bit < Long.SIZE && (statusBits & (1L << bit)) != 0;
    }

    /** Whether the failure's kind is one to retry; whether the request may be repeated is separate. */
    boolean retryable(UpstreamException.Kind kind) {
        return switch (kind) {
            case NOT_SENT -> true;
            case CONNECT_FAILURE -> connectFailure;
            case RESET, PROTOCOL_ERROR -> reset;
            case TIMEOUT -> timeout;
            case RESPONSE_TOO_LARGE -> false;
        };
    }
}
