package dev.triage.agent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AgentEndpointTest {

    @Test
    void resolvesAdminPathsBelowTheUrisPath() {
        assertThat(new AgentEndpoint("a", URI.create("http://127.0.0.1:9901"), "t").resolve("/admin/status"))
                .isEqualTo(URI.create("http://127.0.0.1:9901/admin/status"));
        assertThat(new AgentEndpoint("a", URI.create("https://agents.example/edge-1/"), "t").resolve("/admin/stats"))
                .isEqualTo(URI.create("https://agents.example/edge-1/admin/stats"));
    }

    @Test
    void addressNamesHostAndPortWithTheSchemesDefault() {
        assertThat(new AgentEndpoint("a", URI.create("http://10.0.0.5:9901"), "t").address())
                .isEqualTo("10.0.0.5:9901");
        assertThat(new AgentEndpoint("a", URI.create("https://agents.example"), "t").address())
                .isEqualTo("agents.example:443");
    }

    @Test
    void toStringRedactsTheTokenAndTheTokenArrayIsCopied() {
        char[] token = "abc-secret".toCharArray();
        AgentEndpoint endpoint = new AgentEndpoint("node-1", URI.create("http://127.0.0.1:9901"), token);
        java.util.Arrays.fill(token, 'x');

        assertThat(endpoint.toString())
                .isEqualTo("AgentEndpoint[name=node-1, adminUri=http://127.0.0.1:9901, token=<redacted>]");
        assertThat(endpoint.authorization()).isEqualTo("Bearer abc-secret");
        assertThat(endpoint).isEqualTo(new AgentEndpoint("node-1", URI.create("http://127.0.0.1:9901"), "abc-secret"));
    }

    @Test
    void refusesWhatCannotWork() {
        URI uri = URI.create("http://127.0.0.1:9901");
        assertThatThrownBy(() -> new AgentEndpoint(" ", uri, "t"))
                .hasMessage("name: ' ' (expected: a non-blank agent name)");
        assertThatThrownBy(() -> new AgentEndpoint("a", URI.create("ftp://host:21"), "t"))
                .hasMessage("adminUri: ftp://host:21 (expected: an http or https URI with a host)");
        assertThatThrownBy(() -> new AgentEndpoint("a", URI.create("http://user:pw@host:1"), "t"))
                .hasMessageNotContaining("pw")
                .hasMessageContaining("expected: no user info");
        assertThatThrownBy(() -> new AgentEndpoint("a", uri, ""))
                .hasMessage("token: empty (expected: a non-empty bearer token)");
        assertThatThrownBy(() -> new AgentEndpoint("a", uri, "secret\r\nX-Evil: 1"))
                .hasMessageNotContaining("secret")
                .hasMessageContaining("expected: visible ASCII only");
    }
}
