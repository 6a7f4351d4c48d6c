package dev.triage.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void dropsHopByHopFieldsAndThoseConnectionNamesInAnyCase() {
        Headers headers = Headers.of(
                "Content-Type", "application/json",
                "connection", "keep-alive, X-Trace",
                "Keep-Alive", "timeout=5",
                "x-trace", "abc",
                "Transfer-Encoding", "chunked",
                "X-Request-Id", "r1");

        assertThat(headers.withoutHopByHop().fields())
                .extracting(Headers.Field::name)
                .containsExactly("Content-Type", "X-Request-Id");
    }

    @Test
    void returnsItselfWhenNothingIsHopByHop() {
        Headers headers = Headers.of("Content-Type", "application/json", "X-Cache", "HIT");

        assertThat(headers.withoutHopByHop()).isSameAs(headers);
    }

    @Test
    void looksUpNamesWithoutRegardToCase() {
        Headers headers = Headers.of("X-Request-Id", "a", "x-request-id", "b");

        assertThat(headers.first("X-REQUEST-ID")).contains("a");
        assertThat(headers.all("x-Request-Id")).containsExactly("a", "b");
        assertThat(Headers.isHopByHop("TE")).isTrue();
        assertThat(Headers.isHopByHop("Tea")).isFalse();
    }
}
