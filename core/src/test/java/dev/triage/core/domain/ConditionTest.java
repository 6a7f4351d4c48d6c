package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void valueLongerThan128CharactersIsRejected() {
        String path = "/" + "a".repeat(128);
        assertThatThrownBy(() -> PathPattern.of(path))
                .hasMessage("path-pattern condition: path-pattern value: '" + path
                        + "' has 129 characters (expected: at most 128)");
    }

    @Test
    void pathsAndHostsTakeOnlyAlbsCharacters() {
        assertThat(PathPattern.of("/api/v1/notes*", "/~a_b-c.$'@:+&?\"").valueCount())
                .isEqualTo(2);
        assertThatThrownBy(() -> PathPattern.of("/a b", "/c%20"))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "path-pattern value: '/a b' (expected: A-Z, a-z, 0-9, _ - . $ / ~ \" ' @ : + &"
                                                + " and the wildcards * and ?)",
                                        "path-pattern value: '/c%20' (expected: A-Z, a-z, 0-9, _ - . $ / ~ \" ' @ :"
                                                + " + & and the wildcards * and ?)"));
        assertThat(HostHeader.of("*.example.com", "api-2_x.example.com").valueCount())
                .isEqualTo(2);
        assertThatThrownBy(() -> HostHeader.of("api.example.com:8080"))
                .hasMessage("host-header condition: host-header value: 'api.example.com:8080' (expected: A-Z, a-z,"
                        + " 0-9, - _ . and the wildcards * and ?)");
    }

    @Test
    void sourceIpTakesCidrBlocksOnly() {
        assertThat(SourceIp.of("10.0.0.0/8", "2001:db8::/32").valueCount()).isEqualTo(2);
        assertThatThrownBy(() -> SourceIp.of("10.0.0.1"))
                .hasMessage(
                        "source-ip condition: source-ip value: '10.0.0.1' (expected: a CIDR block such as 10.0.0.0/8)");
        assertThatThrownBy(() -> SourceIp.of("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> SourceIp.of("300.0.0.0/8")).hasMessageContaining("'300.0.0.0/8'");
    }

    @Test
    void methodsAreUpperCase() {
        assertThatThrownBy(() -> HttpRequestMethod.of("get"))
                .hasMessage(
                        "http-request-method condition: http-request-method value: 'get' (expected: A-Z, '-' and '_' only)");
    }

    @Test
    void headerNameIsAtMost40Characters() {
        String name = "X".repeat(41);
        assertThatThrownBy(() -> new HttpHeader(name, List.of("1")))
                .hasMessage("http-header condition: http-header name: '" + name
                        + "' has 41 characters (expected: at most 40)");
    }

    @Test
    void reportsEveryBadValueOfAConditionAtOnce() {
        assertThatThrownBy(() -> new HostHeader(java.util.Arrays.asList("", null, "ok")))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "host-header value: blank (expected: a non-blank value)",
                                        "host-header value: missing (expected: a non-blank value)"));
    }

    @Test
    void queryStringWithoutKeyMatchesAnyKey() {
        var query = new QueryString(List.of(new QueryString.KeyValue(null, "debug")));
        assertThat(query.describe()).isEqualTo("query has debug");
        assertThat(query.valueCount()).isEqualTo(1);
    }

    @Test
    void queryStringValueIsRequired() {
        assertThatThrownBy(() -> new QueryString(List.of(new QueryString.KeyValue("k", ""))))
                .hasMessage("query-string condition: query-string value: missing (expected: a non-empty value)");
    }
}
