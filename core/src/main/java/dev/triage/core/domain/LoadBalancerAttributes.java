package dev.triage.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of a load balancer that matter for its security posture, as DescribeLoadBalancerAttributes reports
 * them (or, for the lab, as its edge agent really has them). Each setting is {@link Setting.Known known}, {@link
 * Setting.NotApplicable not applicable} where the provider has no such thing (the lab's edge agent has no desync
 * mitigation mode), or {@link Setting.NotReported not reported} when the provider did not answer it or answered a
 * value nobody understands.
 *
 * @param loadBalancerArn the load balancer these belong to
 * @param raw every attribute as the provider named it (ELBv2 keys, or the agent's), for display
 */
public record LoadBalancerAttributes(
        String loadBalancerArn,
        Setting<Boolean> deletionProtection,
        Setting<Duration> idleTimeout,
        Setting<Boolean> dropInvalidHeaderFields,
        Setting<DesyncMitigationMode> desyncMitigationMode,
        Setting<AccessLogging> accessLogs,
        Setting<Boolean> tlsVersionAndCipherSuiteHeaders,
        Setting<Boolean> http2,
        Setting<Boolean> wafFailOpen,
        Map<String, String> raw) {

    // ELBv2 attribute keys (DescribeLoadBalancerAttributes, "Load balancer attributes" of the ALB guide).
    public static final String DELETION_PROTECTION = "deletion_protection.enabled";
    public static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    public static final String DROP_INVALID_HEADER_FIELDS = "routing.http.drop_invalid_header_fields.enabled";
    public static final String DESYNC_MITIGATION_MODE = "routing.http.desync_mitigation_mode";
    public static final String ACCESS_LOGS_ENABLED = "access_logs.s3.enabled";
    public static final String ACCESS_LOGS_BUCKET = "access_logs.s3.bucket";
    public static final String ACCESS_LOGS_PREFIX = "access_logs.s3.prefix";
    public static final String TLS_VERSION_AND_CIPHER_SUITE_HEADERS =
            "routing.http.x_amzn_tls_version_and_cipher_suite.enabled";
    public static final String HTTP2 = "routing.http2.enabled";
    public static final String WAF_FAIL_OPEN = "waf.fail_open.enabled";

    /**
     * The values an Application Load Balancer has until someone changes them, as the ALB guide ("Load balancer
     * attributes") and the API reference (LoadBalancerAttribute) document them. DescribeLoadBalancerAttributes returns
     * each of these keys for an ALB.
     */
    public static final Map<String, String> ELBV2_DEFAULTS = defaults();

    /** ALB's idle timeout range in seconds. */
    public static final int MIN_IDLE_TIMEOUT_SECONDS = 1;

    public static final int MAX_IDLE_TIMEOUT_SECONDS = 4000;

    public LoadBalancerAttributes {
        Validation v = Validation.of("load balancer attributes");
        v.present("loadBalancerArn", loadBalancerArn, "a load balancer ARN or id");
        v.present("deletionProtection", deletionProtection, "a setting");
        v.present("idleTimeout", idleTimeout, "a setting");
        v.present("dropInvalidHeaderFields", dropInvalidHeaderFields, "a setting");
        v.present("desyncMitigationMode", desyncMitigationMode, "a setting");
        v.present("accessLogs", accessLogs, "a setting");
        v.present("tlsVersionAndCipherSuiteHeaders", tlsVersionAndCipherSuiteHeaders, "a setting");
        v.present("http2", http2, "a setting");
        v.present("wafFailOpen", wafFailOpen, "a setting");
        if (idleTimeout instanceof Setting.Known<Duration>(Duration timeout)) {
            v.check(timeout.isPositive(), "idleTimeout: " + timeout + " (expected: a positive duration)");
        }
        v.throwIfInvalid();
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /**
     * Reads ELBv2's attributes (keys and values as DescribeLoadBalancerAttributes returns them). A key that is absent
     * or holds a value that is not documented becomes {@link Setting.NotReported} naming it; nothing is guessed.
     */
    public static LoadBalancerAttributes fromElbv2(String loadBalancerArn, Map<String, String> attributes) {
        requireNonNull(attributes, "attributes");
        return new LoadBalancerAttributes(
                loadBalancerArn,
                bool(attributes, DELETION_PROTECTION),
                parse(attributes, IDLE_TIMEOUT, LoadBalancerAttributes::seconds),
                bool(attributes, DROP_INVALID_HEADER_FIELDS),
                parse(attributes, DESYNC_MITIGATION_MODE, DesyncMitigationMode::parse),
                accessLogging(attributes),
                bool(attributes, TLS_VERSION_AND_CIPHER_SUITE_HEADERS),
                bool(attributes, HTTP2),
                bool(attributes, WAF_FAIL_OPEN),
                attributes);
    }

    /** How the load balancer treats requests that might be HTTP desync attacks (ELBv2's three modes). */
    public enum DesyncMitigationMode {
        /** Ambiguous and severe requests are forwarded as they are; only logged. */
        MONITOR,
        /** AWS's default: severe requests are refused, ambiguous ones forwarded but connections closed. */
        DEFENSIVE,
        /** Only RFC 7230 compliant requests are forwarded. */
        STRICTEST;

        /** The value as ELBv2 writes it: monitor, defensive, strictest. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static DesyncMitigationMode parse(String value) {
            for (DesyncMitigationMode mode : values()) {
                if (mode.wire().equals(value)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /**
     * Whether each request is logged, and where.
     *
     * @param destination {@code s3://bucket/prefix} on AWS, a file path or {@code -} (standard output) for an agent;
     *     null when logging is off and no destination is set
     */
    public record AccessLogging(boolean enabled, String destination) {}

    /** One setting: known, not applicable to this provider, or not reported. */
    public sealed interface Setting<T> permits Setting.Known, Setting.NotApplicable, Setting.NotReported {

        /** The value when known, else null. */
        T valueOrNull();

        static <T> Setting<T> known(T value) {
            return new Known<>(value);
        }

        static <T> Setting<T> notApplicable(String reason) {
            return new NotApplicable<>(reason);
        }

        static <T> Setting<T> notReported(String reason) {
            return new NotReported<>(reason);
        }

        /** The provider reported this value. */
        record Known<T>(T value) implements Setting<T> {
            public Known {
                requireNonNull(value, "value");
            }

            @Override
            public T valueOrNull() {
                return value;
            }
        }

        /** The provider has no such setting; {@code reason} says why in words. */
        record NotApplicable<T>(String reason) implements Setting<T> {
            public NotApplicable {
                requireNonNull(reason, "reason");
            }

            @Override
            public T valueOrNull() {
                return null;
            }
        }

        /** The provider should have it but did not report it, or reported a value that is not documented. */
        record NotReported<T>(String reason) implements Setting<T> {
            public NotReported {
                requireNonNull(reason, "reason");
            }

            @Override
            public T valueOrNull() {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ ELBv2 parsing

    private static Setting<Boolean> bool(Map<String, String> attributes, String key) {
        return parse(attributes, key, value -> switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    private static <T> Setting<T> parse(Map<String, String> attributes, String key, Function<String, T> parser) {
        String value = attributes.get(key);
        if (value == null) {
            return Setting.notReported(key + " was not reported");
        }
        T parsed = parser.apply(value);
        return parsed == null
                ? Setting.notReported(key + ": '" + value + "' is not a documented value")
                : Setting.known(parsed);
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds >= MIN_IDLE_TIMEOUT_SECONDS && seconds <= MAX_IDLE_TIMEOUT_SECONDS
                    ? Duration.ofSeconds(seconds)
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Setting<AccessLogging> accessLogging(Map<String, String> attributes) {
        Setting<Boolean> enabled = bool(attributes, ACCESS_LOGS_ENABLED);
        if (!(enabled instanceof Setting.Known<Boolean>(Boolean on))) {
            return Setting.notReported(((Setting.NotReported<Boolean>) enabled).reason());
        }
        String bucket = attributes.getOrDefault(ACCESS_LOGS_BUCKET, "");
        String prefix = attributes.getOrDefault(ACCESS_LOGS_PREFIX, "");
        String destination = bucket.isBlank() ? null : "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return Setting.known(new AccessLogging(on, destination));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        for (List<String> pair : List.of(
                List.of(ACCESS_LOGS_ENABLED, "false"),
                List.of(ACCESS_LOGS_BUCKET, ""),
                List.of(ACCESS_LOGS_PREFIX, ""),
                List.of("connection_logs.s3.enabled", "false"),
                List.of("connection_logs.s3.bucket", ""),
                List.of("connection_logs.s3.prefix", ""),
                List.of(DELETION_PROTECTION, "false"),
                List.of(IDLE_TIMEOUT, "60"),
                List.of("client_keep_alive.seconds", "3600"),
                List.of(DESYNC_MITIGATION_MODE, "defensive"),
                List.of(DROP_INVALID_HEADER_FIELDS, "false"),
                List.of("routing.http.preserve_host_header.enabled", "false"),
                List.of(TLS_VERSION_AND_CIPHER_SUITE_HEADERS, "false"),
                List.of("routing.http.xff_client_port.enabled", "false"),
                List.of("routing.http.xff_header_processing.mode", "append"),
                List.of(HTTP2, "true"),
                List.of(WAF_FAIL_OPEN, "false"),
                List.of("zonal_shift.config.enabled", "false"))) {
            d.put(pair.get(0), pair.get(1));
        }
        return Collections.unmodifiableMap(d);
    }
}
