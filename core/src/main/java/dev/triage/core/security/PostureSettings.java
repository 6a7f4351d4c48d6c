package dev.triage.core.security;

import dev.triage.core.domain.Validation;
import java.time.Duration;

/**
 * What the posture checks hold the setup to.
 *
 * @param cdnHeader the header the CDN adds with its secret value (e.g. X-Origin-Verify), matched case-insensitively
 * @param certificateWarning a certificate expiring within this is flagged (30 days by default)
 * @param minimumTokenLength an agent admin token shorter than this is weak (32 by default)
 */
public record PostureSettings(String cdnHeader, Duration certificateWarning, int minimumTokenLength) {

    public static final String DEFAULT_CDN_HEADER = "X-Origin-Verify";
    public static final Duration DEFAULT_CERTIFICATE_WARNING = Duration.ofDays(30);
    public static final int DEFAULT_MINIMUM_TOKEN_LENGTH = 32;

    public PostureSettings {
        Validation v = Validation.of("posture settings");
        if (v.present("cdnHeader", cdnHeader, "a header name such as " + DEFAULT_CDN_HEADER)) {
            v.check(
                    cdnHeader.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':'),
                    "cdnHeader: '" + cdnHeader + "' (expected: a header name, visible ASCII without ':')");
        }
        if (v.present("certificateWarning", certificateWarning, "a positive duration such as 30 days")) {
            v.check(
                    certificateWarning.isPositive(),
                    "certificateWarning: " + certificateWarning + " (expected: a positive duration)");
        }
        v.range("minimumTokenLength", minimumTokenLength, 16, 1024);
        v.throwIfInvalid();
    }

    /** X-Origin-Verify, 30 days, 32 characters. */
    public static PostureSettings defaults() {
        return new PostureSettings(DEFAULT_CDN_HEADER, DEFAULT_CERTIFICATE_WARNING, DEFAULT_MINIMUM_TOKEN_LENGTH);
    }

    public PostureSettings withCdnHeader(String name) {
        return new PostureSettings(name, certificateWarning, minimumTokenLength);
    }
}
