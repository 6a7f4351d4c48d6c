package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedirectTest {

    @Test
    void httpsRedirectKeepsHostPathAndQuery() {
        assertThat(Redirect.toHttps().describe()).isEqualTo("redirect 301 to https://#{host}:443/#{path}?#{query}");
    }

    @Test
    void reportsEveryBadComponent() {
        assertThatThrownBy(() -> new Redirect("FTP", "#{host}", "70000", "no-slash", "?a=1", 307))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "protocol: 'FTP' (expected: HTTP, HTTPS or #{protocol})",
                                        "port: '70000' (expected: 1..65535 or #{port})",
                                        "path: 'no-slash' (expected: a path starting with /)",
                                        "query: '?a=1' (expected: no leading '?')",
                                        "statusCode: 307 (expected: 301 or 302)"));
    }

    @Test
    void aRedirectThatKeepsProtocolHostPortAndPathIsRefusedAsALoop() {
        assertThatThrownBy(() -> new Redirect("#{protocol}", "#{host}", "#{port}", "/#{path}", "#{query}", 301))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "redirect: to #{protocol}://#{host}:#{port}/#{path} (expected: a change"
                                                + " to at least one of protocol, host, port or path; otherwise the redirect"
                                                + " loops)"));
        assertThat(new Redirect("#{protocol}", "#{host}", "#{port}", "/v2/#{path}", "#{query}", 301).path())
                .isEqualTo("/v2/#{path}");
    }
}
