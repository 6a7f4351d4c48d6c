package dev.triage.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerTest {

    private static final List<Action> FORWARD = List.of(Forward.to(Samples.LEGACY));

    @Test
    void httpsListenerWithoutAnSslPolicyIsInvalid() {
        assertThatThrownBy(
                        () -> new Listener("l", Samples.LB, Protocol.HTTPS, 443, List.of(Samples.CERT), null, FORWARD))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessage("HTTPS listener on port 443: sslPolicy: missing (expected: an explicit SSL policy on an"
                        + " HTTPS listener, from DescribeSSLPolicies)");
    }

    @Test
    void httpsListenerNeedsACertificateAndTheFirstIsTheDefault() {
        var listener = new Listener(
                "l", Samples.LB, Protocol.HTTPS, 443, List.of(Samples.CERT, "cert-2"), Samples.POLICY, FORWARD);
        assertThat(listener.defaultCertificateArn()).isEqualTo(Samples.CERT);
        assertThatThrownBy(() -> new Listener("l", Samples.LB, Protocol.HTTPS, 443, List.of(), Samples.POLICY, FORWARD))
                .hasMessage(
                        "HTTPS listener on port 443: certificates: none (expected: at least one on an HTTPS listener)");
    }

    @Test
    void httpListenerHasNoPolicyOrCertificates() {
        assertThatThrownBy(() -> new Listener(
                        "l", Samples.LB, Protocol.HTTP, 80, List.of(Samples.CERT), Samples.POLICY, FORWARD))
                .isInstanceOfSatisfying(
                        CoreException.Invalid.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "certificates: 1 (expected: none on an HTTP listener)",
                                        "sslPolicy: '" + Samples.POLICY + "' (expected: none on an HTTP listener)"));
    }

    @Test
    void portRunsFrom1To65535() {
        assertThatThrownBy(() -> new Listener("l", Samples.LB, Protocol.HTTP, 0, null, null, FORWARD))
                .hasMessage("HTTP listener on port 0: port: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> new Listener("l", Samples.LB, Protocol.HTTP, 65_536, null, null, FORWARD))
                .hasMessage("HTTP listener on port 65536: port: 65536 (expected: 1..65535)");
    }

    @Test
    void listenerNeedsExactlyOneDefaultAction() {
        assertThatThrownBy(() -> new Listener("l", Samples.LB, Protocol.HTTP, 80, null, null, List.of()))
                .hasMessage("HTTP listener on port 80: defaultActions: 0 (expected: exactly one of forward, redirect or"
                        + " fixed-response)");
    }
}
