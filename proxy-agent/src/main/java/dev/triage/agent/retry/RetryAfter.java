package dev.triage.agent.retry;

import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads a Retry-After field (RFC 9110 10.2.3): delta-seconds or an HTTP-date. */
final class RetryAfter {

    static final String FIELD = "Retry-After";
    /** Answered when the field is absent or unreadable. */
    static final long NONE = 0;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private RetryAfter() {}

    /**
     * The wait the field asks for, in nanoseconds, from {@code nowEpochMillis}; {@link #NONE} for an
     * absent, malformed or past value.
     */
    static long nanos(String value, long nowEpochMillis) {
        if (value == null) {
            return NONE;
        }
        String text = value.trim();
        if (text.isEmpty()) {
            return NONE;
        }
        if (isDigits(text)) {
            return seconds(text);
        }
        try {
            long at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
            return Math.max(0, at - nowEpochMillis) * NANOS_PER_MILLI;
        } catch (DateTimeException e) {
            return NONE;
        }
    }

    private static long seconds(String digits) {
        if (digits.length() > 12) {
            return MAX_SECONDS * 1_000_000_000L;
        }
        return Math.min(Long.parseLong(digits), MAX_SECONDS) * 1_000_000_000L;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
