package dev.triage.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorIpRangesTest {

    private static IpRanges ranges(String... cidrs) {
        List<String> problems = new ArrayList<>();
        IpRanges ranges = IpRanges.parse(List.of(cidrs), problems);
        assertThat(problems).isEmpty();
        return ranges;
    }

    @Test
    void ipv4BlocksMatchOnTheirPrefixBitsOnly() {
        IpRanges cdn = ranges("130.176.0.0/17", "10.1.2.3/32");

        assertThat(cdn.contains(IpRanges.address("130.176.0.1"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("130.176.127.255"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("130.176.128.0"))).isFalse();
        assertThat(cdn.contains(IpRanges.address("10.1.2.3"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("10.1.2.4"))).isFalse();
    }

    @Test
    void ipv6BlocksMatchIpv6AndMappedAddressesMatchIpv4Blocks() {
        IpRanges cdn = ranges("2600:9000::/28", "::ffff:192.0.2.0/120");

        assertThat(cdn.contains(IpRanges.address("2600:900f:ffff::1"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("2600:9010::1"))).isFalse();
        assertThat(cdn.contains(IpRanges.address("192.0.2.9"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("::ffff:192.0.2.10"))).isTrue();
        assertThat(cdn.contains(IpRanges.address("192.0.3.9"))).isFalse();
    }

    @Test
    void namesAndMalformedTextAreNoAddressAndNeverLookedUp() {
        assertThat(IpRanges.address("localhost")).isNull();
        assertThat(IpRanges.address("999.1.1.1")).isNull();
        assertThat(IpRanges.address("1.2.3")).isNull();
        assertThat(IpRanges.address("2001:db8::zz")).isNull();
        assertThat(ranges("0.0.0.0/0").contains(IpRanges.address("example.com")))
                .isFalse();
        List<String> problems = new ArrayList<>();
        IpRanges.parse(List.of("10.0.0.0/33", "cdn.example/8", "10.0.0.0"), problems);
        assertThat(problems).hasSize(3);
    }

    @Test
    void hostBlocksAreSlash32OrSlash128() {
        assertThat(IpRanges.hostBlock("203.0.113.7")).isEqualTo("203.0.113.7/32");
        assertThat(IpRanges.hostBlock("2001:db8::66")).isEqualTo("2001:db8::66/128");
    }
}
