package dev.triage.agent.route;

import static dev.triage.agent.route.Requests.condition;
import static dev.triage.agent.route.Requests.get;
import static dev.triage.agent.route.Requests.header;
import static dev.triage.agent.route.Requests.matches;
import static dev.triage.agent.route.Requests.query;
import static dev.triage.agent.route.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Condition.QueryPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Nested
    class PathPattern {
        private final Condition hospitals = condition(Condition.PATH_PATTERN, "/hospitals*");
        private final Condition notes = condition(Condition.PATH_PATTERN, "/patients/*/notes");
        private final Condition oneChar = condition(Condition.PATH_PATTERN, "/v?/status");

        @Test
        void starMatchesAnyCharactersIncludingSlashes() {
            assertThat(matches(get("/hospitals"), hospitals)).isTrue();
            assertThat(matches(get("/hospitals/12/wards"), hospitals)).isTrue();
            assertThat(matches(get("/patients/7/notes"), notes)).isTrue();
            assertThat(matches(get("/patients/7/sub/9/notes"), notes)).isTrue();
            assertThat(matches(get("/patients/7/notes/1"), notes)).isFalse();
            assertThat(matches(get("/staffs"), hospitals)).isFalse();
        }

        @Test
        void questionMarkMatchesExactlyOneCharacter() {
            assertThat(matches(get("/v1/status"), oneChar)).isTrue();
            assertThat(matches(get("/v/status"), oneChar)).isFalse();
            assertThat(matches(get("/v12/status"), oneChar)).isFalse();
        }

        @Test
        void isCaseSensitive() {
            assertThat(matches(get("/Hospitals"), hospitals)).isFalse();
            assertThat(matches(get("/PATIENTS/7/notes"), notes)).isFalse();
        }

        @Test
        void ignoresTheQueryString() {
            Condition exact = condition(Condition.PATH_PATTERN, "/hospitals");
            assertThat(matches(get("/hospitals?page=2"), exact)).isTrue();
            assertThat(matches(get("/search?path=/hospitals"), exact)).isFalse();
        }

        @Test
        void matchesTheNormalisedPathSoEncodingCannotSlipPastARule() {
            assertThat(matches(get("/patients/7/%6Eotes"), notes)).isTrue();
            assertThat(matches(get("/patients/7/x/../notes"), notes)).isTrue();
            assertThat(matches(get("/patients/./7/notes"), notes)).isTrue();
            // a reserved escape stays encoded: %2F is not a path separator
            assertThat(matches(get("/patients%2F7%2Fnotes"), notes)).isFalse();
        }

        @Test
        void anyValueMatches() {
            Condition either = condition(Condition.PATH_PATTERN, "/hospitals", "/staffs/*");
            assertThat(matches(get("/hospitals"), either)).isTrue();
            assertThat(matches(get("/staffs/3"), either)).isTrue();
            assertThat(matches(get("/patients"), either)).isFalse();
        }
    }

    @Nested
    class HostHeader {
        private final Condition api = condition(Condition.HOST_HEADER, "api.example.com");
        private final Condition wildcard = condition(Condition.HOST_HEADER, "*.hosp.example", "h?.example");

        @Test
        void isCaseInsensitiveAndIgnoresThePort() {
            assertThat(matches(get("/", "Host", "api.example.com"), api)).isTrue();
            assertThat(matches(get("/", "Host", "API.Example.COM"), api)).isTrue();
            assertThat(matches(get("/", "Host", "api.example.com:8443"), api)).isTrue();
            assertThat(matches(get("/", "host", "api.example.com"), api)).isTrue();
            assertThat(matches(get("/", "Host", "www.example.com"), api)).isFalse();
            assertThat(matches(get("/"), api)).as("no Host header").isFalse();
        }

        @Test
        void supportsWildcards() {
            assertThat(matches(get("/", "Host", "north.hosp.example"), wildcard))
                    .isTrue();
            assertThat(matches(get("/", "Host", "a.b.hosp.example:80"), wildcard))
                    .isTrue();
            assertThat(matches(get("/", "Host", "h1.example"), wildcard)).isTrue();
            assertThat(matches(get("/", "Host", "hosp.example"), wildcard)).isFalse();
            assertThat(matches(get("/", "Host", "h12.example"), wildcard)).isFalse();
        }

        @Test
        void stripsThePortOfAnIpv6Literal() {
            Condition v6 = condition(Condition.HOST_HEADER, "[::1]");
            assertThat(matches(get("/", "Host", "[::1]:8080"), v6)).isTrue();
        }
    }

    @Nested
    class HttpHeader {
        private final Condition userAgent = header("User-Agent", "*Mobile*", "curl/?.*");

        @Test
        void matchesValuePatternsInAnyCase() {
            assertThat(matches(get("/", "user-agent", "Foo mobile Safari"), userAgent))
                    .isTrue();
            assertThat(matches(get("/", "User-Agent", "CURL/8.5"), userAgent)).isTrue();
            assertThat(matches(get("/", "User-Agent", "Desktop Firefox"), userAgent))
                    .isFalse();
            assertThat(matches(get("/"), userAgent)).isFalse();
        }

        @Test
        void matchesAnyOfTheHeadersValues() {
            Condition tenant = header("X-Tenant", "north");
            assertThat(matches(get("/", "X-Tenant", "south", "X-Tenant", "NORTH"), tenant))
                    .isTrue();
            assertThat(matches(get("/", "X-Tenant", "south", "X-Tenant", "east"), tenant))
                    .isFalse();
        }

        @Test
        void looksOnlyAtTheNamedHeader() {
            assertThat(matches(get("/", "X-Other", "Mobile"), userAgent)).isFalse();
        }
    }

    @Nested
    class RequestMethod {
        private final Condition writes = condition(Condition.HTTP_REQUEST_METHOD, "POST", "PATCH");

        @Test
        void matchesExactNamesCaseSensitively() {
            assertThat(matches(request("POST", "/notes", Requests.CLIENT), writes))
                    .isTrue();
            assertThat(matches(request("PATCH", "/notes", Requests.CLIENT), writes))
                    .isTrue();
            assertThat(matches(request("GET", "/notes", Requests.CLIENT), writes))
                    .isFalse();
            assertThat(matches(request("post", "/notes", Requests.CLIENT), writes))
                    .isFalse();
        }
    }

    @Nested
    class QueryString {
        @Test
        void matchesAKeyValuePairInAnyCase() {
            Condition version = query(new QueryPair("version", "v1"));
            assertThat(matches(get("/x?version=v1"), version)).isTrue();
            assertThat(matches(get("/x?a=b&VERSION=V1"), version)).isTrue();
            assertThat(matches(get("/x?version=v2"), version)).isFalse();
            assertThat(matches(get("/x?other=v1"), version)).isFalse();
            assertThat(matches(get("/x"), version)).isFalse();
        }

        @Test
        void aPairWithoutKeyMatchesAnyParametersValue() {
            Condition anyValue = query(new QueryPair(null, "*example*"));
            assertThat(matches(get("/x?q=an-EXAMPLE-here"), anyValue)).isTrue();
            assertThat(matches(get("/x?a=1&b=example"), anyValue)).isTrue();
            assertThat(matches(get("/x?example-key=1"), anyValue))
                    .as("keys are not values")
                    .isFalse();
            assertThat(matches(get("/x?example"), anyValue)).as("a bare token").isTrue();
        }

        @Test
        void wildcardsWorkInKeysAndValues() {
            Condition utm = query(new QueryPair("utm_*", "?ail"));
            assertThat(matches(get("/x?utm_source=mail"), utm)).isTrue();
            assertThat(matches(get("/x?utm_source=email"), utm)).isFalse();
        }

        @Test
        void decodesValuesBeforeMatching() {
            Condition name = query(new QueryPair("name", "Jane Doe/*"));
            assertThat(matches(get("/x?name=Jane%20Doe%2Fvet"), name)).isTrue();
            assertThat(matches(get("/x?name=jane+doe%2F"), name)).isTrue();
            assertThat(matches(get("/x?na%6De=Jane%20Doe/"), name)).isTrue();
            assertThat(matches(get("/x?name=Jane%2BDoe/"), name)).isFalse();
        }

        @Test
        void escapedWildcardsAreLiteral() {
            Condition star = query(new QueryPair("q", "a\\*"));
            assertThat(matches(get("/x?q=a*"), star)).isTrue();
            assertThat(matches(get("/x?q=abc"), star)).isFalse();
        }

        @Test
        void anyPairMatches() {
            Condition either = query(new QueryPair("a", "1"), new QueryPair("b", "2"));
            assertThat(matches(get("/x?b=2"), either)).isTrue();
            assertThat(matches(get("/x?a=2&b=1"), either)).isFalse();
        }
    }

    @Nested
    class SourceIp {
        private final Condition office = condition(Condition.SOURCE_IP, "10.1.0.0/16", "2001:db8:abcd::/48");

        @Test
        void matchesIpv4InsideTheBlockOnly() {
            assertThat(matches(request("GET", "/", "10.1.0.0"), office)).isTrue();
            assertThat(matches(request("GET", "/", "10.1.255.255"), office)).isTrue();
            assertThat(matches(request("GET", "/", "10.2.0.0"), office)).isFalse();
            assertThat(matches(request("GET", "/", "10.0.255.255"), office)).isFalse();
        }

        @Test
        void matchesIpv6InsideTheBlockOnly() {
            assertThat(matches(request("GET", "/", "2001:db8:abcd:12::1"), office))
                    .isTrue();
            assertThat(matches(request("GET", "/", "[2001:db8:abcd::]"), office))
                    .isTrue();
            assertThat(matches(request("GET", "/", "2001:db8:abce::1"), office)).isFalse();
        }

        @Test
        void treatsAnIpv4MappedClientAsIpv4() {
            assertThat(matches(request("GET", "/", "::ffff:10.1.2.3"), office)).isTrue();
        }

        @Test
        void handlesPrefixesThatSplitAByte() {
            Condition narrow = condition(Condition.SOURCE_IP, "192.0.2.64/27");
            assertThat(matches(request("GET", "/", "192.0.2.64"), narrow)).isTrue();
            assertThat(matches(request("GET", "/", "192.0.2.95"), narrow)).isTrue();
            assertThat(matches(request("GET", "/", "192.0.2.63"), narrow)).isFalse();
            assertThat(matches(request("GET", "/", "192.0.2.96"), narrow)).isFalse();
        }

        @Test
        void coversEverythingWithPrefixZeroAndOneAddressWithFullPrefix() {
            Condition all = condition(Condition.SOURCE_IP, "0.0.0.0/0");
            Condition one = condition(Condition.SOURCE_IP, "203.0.113.7/32", "::1/128");
            assertThat(matches(request("GET", "/", "198.51.100.1"), all)).isTrue();
            assertThat(matches(request("GET", "/", "::1"), all))
                    .as("IPv6 is not in an IPv4 block")
                    .isFalse();
            assertThat(matches(request("GET", "/", "203.0.113.7"), one)).isTrue();
            assertThat(matches(request("GET", "/", "203.0.113.8"), one)).isFalse();
            assertThat(matches(request("GET", "/", "::1"), one)).isTrue();
        }

        @Test
        void neverMatchesAnUnparsableClientAddress() {
            Condition all = condition(Condition.SOURCE_IP, "0.0.0.0/0");
            assertThat(matches(request("GET", "/", "not-an-ip"), all)).isFalse();
        }

        @Test
        void rejectsImpossibleBlocksNamingTheField() {
            assertThatThrownBy(() ->
                            Requests.router(Requests.rule("ips", 1, condition(Condition.SOURCE_IP, "10.0.0.0/33"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rules[ips].conditions[0].values[0]")
                    .hasMessageContaining("0..32");
            assertThatThrownBy(() ->
                            Requests.router(Requests.rule("ips", 1, condition(Condition.SOURCE_IP, "example.com/8"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("values[0]: 'example.com/8'");
        }
    }

    @Test
    void rejectsUnknownTypesAndEmptyValues() {
        assertThatThrownBy(() -> Requests.router(Requests.rule("bad", 1, condition("cookie", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules[bad].conditions[0].type: 'cookie'");
        assertThatThrownBy(() -> Requests.router(Requests.rule("bad", 1, condition(Condition.PATH_PATTERN))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conditions[0].values: empty");
        assertThatThrownBy(() -> Requests.router(Requests.rule("bad", 1, header(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conditions[0].headerName");
    }
}
