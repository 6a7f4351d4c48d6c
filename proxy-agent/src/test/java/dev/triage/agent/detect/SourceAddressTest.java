package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

    private static ProxyRequest from(String peer, String... headers) {
        return new ProxyRequest("GET", "/patients", null, Headers.of(headers), null, peer, "r1");
    }

    @Test
    void withoutTrustedProxiesTheSourceIsThePeerWhateverForwardedForSays() {
        SourceAddress source = SourceAddress.of(List.of());

        assertThat(source.of(from("203.0.113.7", "X-Forwarded-For", "10.1.1.1")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheSourceIsTheRightMostHopThatIsNotTrusted() {
        SourceAddress source = SourceAddress.of(List.of("10.0.0.0/8", "192.0.2.1"));

        // the client forged the first hop; the load balancer appended the address it saw
        assertThat(source.of(from("10.0.3.4", "X-Forwarded-For", "1.2.3.4, 198.51.100.9")))
                .isEqualTo("198.51.100.9");
        // two proxies: the CDN (trusted) then the load balancer
        assertThat(source.of(from("10.0.3.4", "X-Forwarded-For", "198.51.100.9, 192.0.2.1")))
                .isEqualTo("198.51.100.9");
        // split over two headers
        assertThat(source.of(from("10.0.3.4", "X-Forwarded-For", "198.51.100.9", "x-forwarded-for", "10.0.0.2")))
                .isEqualTo("198.51.100.9");
        assertThat(source.of(from("10.0.3.4"))).isEqualTo("10.0.3.4");
        assertThat(source.of(from("10.0.3.4", "X-Forwarded-For", "unknown"))).isEqualTo("10.0.3.4");
    }

    @Test
    void aPeerThatIsNotTrustedIsTheSourceEvenWithForwardedFor() {
        SourceAddress source = SourceAddress.of(List.of("10.0.0.0/8"));

        assertThat(source.of(from("203.0.113.7", "X-Forwarded-For", "10.9.9.9")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsRefusedWithItsField() {
        assertThatThrownBy(() -> SourceAddress.of(List.of("10.0.0.0/8", "lb.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detection.trustedProxies[1]: 'lb.internal'");
    }
}
