package dev.triage.agent.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "::", "::1", "2001:db8::7", "::ffff:10.0.0.1"})
    void acceptsLiteralAddresses(String address) {
        assertThat(Syntax.isIpLiteral(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "127.1",
                "01.2.3.4",
                "1.2.3.256",
                "[::1]",
                "fe80::1%eth0",
                "2001:db8:::1",
                " 127.0.0.1",
                ""
            })
    void rejectsNamesAndNonCanonicalForms(String address) {
        assertThat(Syntax.isIpLiteral(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "10.0.0.0/8", "192.0.2.7/32", "::/0", "2001:db8::/32", "::1/128"})
    void acceptsCidrBlocks(String cidr) {
        assertThat(Syntax.isCidr(cidr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "host/8"})
    void rejectsBadCidrBlocks(String cidr) {
        assertThat(Syntax.isCidr(cidr)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "M-SEARCH", "VERSION_CONTROL"})
    void acceptsUpperCaseMethods(String method) {
        assertThat(Syntax.isMethod(method)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "Get", "GET ", "", "G3T"})
    void rejectsOtherMethods(String method) {
        assertThat(Syntax.isMethod(method)).isFalse();
    }
}
