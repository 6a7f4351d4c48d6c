package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Certificate expiringAt(Instant notAfter) {
        return new Certificate(
                Samples.CERT,
                "hosp.example.com",
                List.of("hosp.example.com", "www.hosp.example.com"),
                notAfter,
                Certificate.Status.ISSUED,
                List.of(Samples.LB));
    }

    @Test
    void countsWholeDaysToExpiry() {
        assertThat(expiringAt(NOW.plus(Duration.ofDays(30))).daysToExpiry(NOW)).isEqualTo(30);
    }

    @Test
    void roundsPartDaysDown() {
        assertThat(expiringAt(NOW.plus(Duration.ofDays(30)).minusSeconds(1)).daysToExpiry(NOW))
                .isEqualTo(29);
        assertThat(expiringAt(NOW.plusSeconds(1)).daysToExpiry(NOW)).isZero();
    }

    @Test
    void expiredCertificateHasNegativeDays() {
        assertThat(expiringAt(NOW.minusSeconds(1)).daysToExpiry(NOW)).isEqualTo(-1);
        assertThat(expiringAt(NOW.minus(Duration.ofDays(3))).daysToExpiry(NOW)).isEqualTo(-3);
    }

    @Test
    void pendingCertificateHasNoExpiryToCount() {
        var pending = new Certificate(
                Samples.CERT, "hosp.example.com", null, null, Certificate.Status.PENDING_VALIDATION, null);
        assertThat(pending.inUse()).isFalse();
        assertThatThrownBy(() -> pending.daysToExpiry(NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("certificate hosp.example.com has no expiry (status PENDING_VALIDATION)");
    }

    @Test
    void issuedCertificateNeedsAnExpiry() {
        assertThatThrownBy(() -> expiringAt(null))
                .hasMessage(
                        "certificate hosp.example.com: notAfter: missing (expected: an expiry on an issued certificate)");
    }
}
