package dev.triage.core.accesslog;

import static dev.triage.core.accesslog.AlbField.*;

import dev.triage.core.accesslog.AlbLogEntry.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns the fields of one tokenized line into an {@link AlbLogEntry}, naming the field at fault when one is bad. */
final class EntryReader {

    private static final String ABSENT = "-";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LineTokens tokens;

    private EntryReader(LineTokens tokens) {
        this.tokens = tokens;
    }

    static AlbLogEntry read(String line, long lineNumber) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        var tokens = LineTokens.split(trimmed, lineNumber);
        if (tokens.count() < REQUIRED_COUNT) {
            throw new AlbLogFormatException(
                    lineNumber,
                    trimmed.length() + 1,
                    AlbField.nameAt(tokens.count()),
                    "the line ends after " + tokens.count() + " fields (expected: at least " + REQUIRED_COUNT
                            + " fields, through " + ERROR_REASON.awsName() + ")",
                    trimmed);
        }
        return new EntryReader(tokens).entry();
    }

    /** Reads the fields in line order, so that a shifted line is reported at its first misfit. */
    private AlbLogEntry entry() {
        String type = required(TYPE);
        Instant time = instant(TIME);
        String loadBalancer = required(ELB);
        Endpoint client = endpoint(CLIENT);
        Endpoint target = optionalEndpoint(TARGET);
        Duration requestProcessingTime = duration(REQUEST_PROCESSING_TIME);
        Duration targetProcessingTime = duration(TARGET_PROCESSING_TIME);
        Duration responseProcessingTime = duration(RESPONSE_PROCESSING_TIME);
        Integer elbStatusCode = statusCode(ELB_STATUS_CODE);
        Integer targetStatusCode = statusCode(TARGET_STATUS_CODE);
        long receivedBytes = bytes(RECEIVED_BYTES);
        long sentBytes = bytes(SENT_BYTES);
        Request request = request();
        String userAgent = text(USER_AGENT);
        String sslCipher = text(SSL_CIPHER);
        String sslProtocol = text(SSL_PROTOCOL);
        String targetGroupArn = text(TARGET_GROUP_ARN);
        String traceId = text(TRACE_ID);
        String domainName = text(DOMAIN_NAME);
        String chosenCertArn = text(CHOSEN_CERT_ARN);
        Integer matchedRulePriority = rulePriority();
        Instant requestCreationTime = optionalInstant(REQUEST_CREATION_TIME);
        List<String> actionsExecuted = actions();
        String redirectUrl = text(REDIRECT_URL);
        String errorReason = text(ERROR_REASON);
        List<Endpoint> targets = targetList();
        List<Integer> targetStatusCodes = statusCodeList();
        try {
            return new AlbLogEntry(
                    type,
                    time,
                    loadBalancer,
                    client,
                    target,
                    requestProcessingTime,
                    targetProcessingTime,
                    responseProcessingTime,
                    elbStatusCode,
                    targetStatusCode,
                    receivedBytes,
                    sentBytes,
                    request.method(),
                    request.url(),
                    request.protocolVersion(),
                    userAgent,
                    sslCipher,
                    sslProtocol,
                    targetGroupArn,
                    traceId,
                    domainName,
                    chosenCertArn,
                    matchedRulePriority,
                    requestCreationTime,
                    actionsExecuted,
                    redirectUrl,
                    errorReason,
                    targets,
                    targetStatusCodes,
                    text(CLASSIFICATION),
                    text(CLASSIFICATION_REASON),
                    text(CONN_TRACE_ID),
                    text(TRANSFORMED_HOST),
                    text(TRANSFORMED_URI),
                    text(REQUEST_TRANSFORM_STATUS),
                    extraFields());
        } catch (IllegalArgumentException e) {
            // The checks above mirror the record's, so this is a safety net, not the usual path.
            throw new AlbLogFormatException(tokens.lineNumber(), 0, null, e.getMessage(), tokens.line());
        }
    }

    private boolean present(AlbField field) {
        return field.ordinal() < tokens.count();
    }

    private String raw(AlbField field) {
        return tokens.value(field.ordinal());
    }

    private AlbLogFormatException error(AlbField field, String problem) {
        return tokens.error(field.ordinal(), problem);
    }

    private String text(AlbField field) {
        if (!present(field)) {
            return null;
        }
        String value = raw(field);
        return ABSENT.equals(value) ? null : value;
    }

    private String required(AlbField field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw error(field, "\"" + raw(field) + "\" (expected: a value)");
        }
        return value;
    }

    private Instant instant(AlbField field) {
        String value = raw(field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw error(field, "\"" + value + "\" (expected: an ISO 8601 time such as 2018-07-02T22:23:00.186641Z)");
        }
    }

    private Instant optionalInstant(AlbField field) {
        return ABSENT.equals(raw(field)) ? null : instant(field);
    }

    private Endpoint endpoint(AlbField field) {
        Endpoint endpoint = parseEndpoint(raw(field));
        if (endpoint == null) {
            throw error(field, "\"" + raw(field) + "\" (expected: ip:port)");
        }
        return endpoint;
    }

    private Endpoint optionalEndpoint(AlbField field) {
        return ABSENT.equals(raw(field)) ? null : endpoint(field);
    }

    /** Splits at the last colon, so IPv6 addresses (bare or in brackets) keep theirs; null when malformed. */
    private static Endpoint parseEndpoint(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return null;
        }
        String ip = value.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int port = digits(value, colon + 1, value.length(), 5);
        if (ip.isEmpty() || port < 0 || port > 65_535) {
            return null;
        }
        return new Endpoint(ip, port);
    }

    /** The non-negative number in value[from, to), or -1 when it is not 1..maxDigits ASCII digits. */
    private static int digits(String value, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Seconds with up to nanosecond precision; -1 (not applicable) becomes null. */
    private Duration duration(AlbField field) {
        String value = raw(field);
        Duration duration = parseSeconds(value);
        if (duration == null) {
            throw error(field, "\"" + value + "\" (expected: seconds such as 0.001, or -1)");
        }
        if (duration.isNegative()) {
            if (duration.equals(Duration.ofSeconds(-1))) {
                return null;
            }
            throw error(field, "\"" + value + "\" (expected: seconds >= 0, or -1)");
        }
        return duration;
    }

    private static Duration parseSeconds(String value) {
        int i = 0;
        int end = value.length();
        boolean negative = end > 0 && value.charAt(0) == '-';
        if (negative) {
            i++;
        }
        int dot = value.indexOf('.', i);
        int wholeEnd = dot < 0 ? end : dot;
        int whole = digits(value, i, wholeEnd, 9);
        if (whole < 0) {
            return null;
        }
        long nanos = 0;
        if (dot >= 0) {
            int fractionDigits = end - dot - 1;
            int fraction = digits(value, dot + 1, end, 9);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int k = fractionDigits; k < 9; k++) {
                nanos *= 10;
            }
        }
        long total = whole * NANOS_PER_SECOND + nanos;
        return Duration.ofNanos(negative ? -total : total);
    }

    private Integer statusCode(AlbField field) {
        String value = raw(field);
        if (ABSENT.equals(value)) {
            return null;
        }
        int code = digits(value, 0, value.length(), 3);
        if (code < 0) {
            throw error(field, "\"" + value + "\" (expected: a status code 0..999, or -)");
        }
        return code;
    }

    private long bytes(AlbField field) {
        String value = raw(field);
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && value.charAt(0) != '+') {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(field, "\"" + value + "\" (expected: a byte count >= 0)");
    }

    private Integer rulePriority() {
        String value = raw(MATCHED_RULE_PRIORITY);
        if (ABSENT.equals(value)) {
            return null;
        }
        if ("-1".equals(value)) {
            return AlbLogEntry.RULE_EVALUATION_ERROR;
        }
        int priority = digits(value, 0, value.length(), 5);
        if (priority < 0 || priority > AlbLogEntry.MAX_RULE_PRIORITY) {
            throw error(
                    MATCHED_RULE_PRIORITY,
                    "\"" + value + "\" (expected: 0 for the default rule, 1.." + AlbLogEntry.MAX_RULE_PRIORITY
                            + ", -1 or -)");
        }
        return priority;
    }

    private Request request() {
        String value = raw(REQUEST);
        int first = value.indexOf(' ');
        int last = value.lastIndexOf(' ');
        if (first < 0 || first == last) {
            throw error(REQUEST, "\"" + value + "\" (expected: method URL version, e.g. GET http://host:80/ HTTP/1.1)");
        }
        String method = value.substring(0, first);
        String url = value.substring(first + 1, last);
        String version = value.substring(last + 1);
        return new Request(
                ABSENT.equals(method) || method.isEmpty() ? null : method,
                url,
                ABSENT.equals(version) || version.isEmpty() ? null : version);
    }

    private List<String> actions() {
        String value = text(ACTIONS_EXECUTED);
        return value == null ? List.of() : List.of(value.split(",", -1));
    }

    private List<Endpoint> targetList() {
        String value = text(TARGET_PORT_LIST);
        if (value == null) {
            return List.of();
        }
        var targets = new ArrayList<Endpoint>(1);
        for (String item : value.split(" ", -1)) {
            Endpoint endpoint = parseEndpoint(item);
            if (endpoint == null) {
                throw error(TARGET_PORT_LIST, "\"" + value + "\" (expected: space-delimited ip:port items, or -)");
            }
            targets.add(endpoint);
        }
        return targets;
    }

    private List<Integer> statusCodeList() {
        String value = text(TARGET_STATUS_CODE_LIST);
        if (value == null) {
            return List.of();
        }
        var codes = new ArrayList<Integer>(1);
        for (String item : value.split(" ", -1)) {
            int code = digits(item, 0, item.length(), 3);
            if (code < 0) {
                throw error(
                        TARGET_STATUS_CODE_LIST,
                        "\"" + value + "\" (expected: space-delimited status codes 0..999, or -)");
            }
            codes.add(code);
        }
        return codes;
    }

    private List<String> extraFields() {
        int known = AlbField.knownCount();
        if (tokens.count() <= known) {
            return List.of();
        }
        var extra = new ArrayList<String>(tokens.count() - known);
        for (int i = known; i < tokens.count(); i++) {
            extra.add(tokens.value(i));
        }
        return extra;
    }

    private record Request(String method, String url, String protocolVersion) {}
}
