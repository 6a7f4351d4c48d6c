package dev.triage.console.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.domain.Action;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Place;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.TargetHealth;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.PemImport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsViewModelTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/edge/1";
    private static final String TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/73e2d6bc24d8a067";
    private static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
    private static final String OLD_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/old";

    @Test
    void listsListenersWithProtocolPolicyAndCertificates() {
        TlsViewModel vm = viewModel(Optional.of(new Store()));

        vm.refresh();

        assertThat(vm.listeners()).hasSize(2);
        TlsState.ListenerRow http = vm.listeners().get(0);
        assertThat(http.listener()).isEqualTo("HTTP :80");
        assertThat(http.sslPolicy()).isEqualTo("none (plain HTTP)");
        assertThat(http.action()).startsWith("redirect");
        TlsState.ListenerRow https = vm.listeners().get(1);
        assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(https.certificates()).isEqualTo("api.example.org (default) + old.example.org");
        assertThat(https.action()).isEqualTo("forward: legacy 1");
    }

    @Test
    void certificatesShowDaysToExpiryColouredUnderThirty() {
        TlsViewModel vm = viewModel(Optional.of(new Store()));

        vm.refresh();

        assertThat(vm.certificates())
                .extracting(
                        TlsState.CertificateRow::domain,
                        TlsState.CertificateRow::daysLeft,
                        TlsState.CertificateRow::expiry)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "old.example.org", "expired 2 day(s) ago", TlsState.Expiry.URGENT),
                        org.assertj.core.groups.Tuple.tuple("soon.example.org", "12 day(s)", TlsState.Expiry.SOON),
                        org.assertj.core.groups.Tuple.tuple("api.example.org", "89 day(s)", TlsState.Expiry.FINE));
        assertThat(vm.certificateNoteProperty().get()).isEqualTo("2 certificate(s) expire within 30 days.");
    }

    @Test
    void withoutACertificateStoreTheScreenSaysSoAndListsNone() {
        TlsViewModel vm = viewModel(Optional.empty());

        vm.refresh();

        assertThat(vm.certificates()).isEmpty();
        assertThat(vm.certificateNoteProperty().get()).startsWith("This connection has no certificate store");
        assertThat(vm.listeners()).hasSize(2);
        assertThat(vm.loadedProperty().get()).isTrue();
    }

    private static TlsViewModel viewModel(Optional<Certificates> store) {
        return new TlsViewModel(new Lbs(), store, Tasks.direct(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Certificate cert(String arn, String domain, Duration left) {
        return new Certificate(arn, domain, List.of(domain), NOW.plus(left), Certificate.Status.ISSUED, List.of());
    }

    private static final class Store implements Certificates {
        @Override
        public List<Certificate> certificates() {
            return List.of(
                    cert(CERT, "api.example.org", Duration.ofDays(89).plusHours(3)),
                    cert(OLD_CERT, "old.example.org", Duration.ofDays(-1).minusHours(3)),
                    cert(CERT + "2", "soon.example.org", Duration.ofDays(12).plusHours(1)));
        }

        @Override
        public Certificate describe(String certificateArn) {
            throw new UnsupportedOperationException("not used by the TLS screen's reads");
        }

        @Override
        public Certificate importPem(PemImport pem) {
            throw new UnsupportedOperationException("not used by the TLS screen's reads");
        }
    }

    /** Reads only: one load balancer with an HTTP listener redirecting and an HTTPS one forwarding. */
    private static final class Lbs implements LoadBalancers {
        @Override
        public List<LoadBalancer> loadBalancers() {
            return List.of(new LoadBalancer(
                    LB,
                    "edge",
                    "edge.example",
                    LoadBalancer.Scheme.INTERNET_FACING,
                    LoadBalancer.Type.APPLICATION,
                    null,
                    LoadBalancer.State.ACTIVE,
                    new Place("123456789012", "eu-west-1")));
        }

        @Override
        public List<Listener> listeners(String loadBalancerArn) {
            return List.of(
                    new Listener(LB + "/l80", LB, Protocol.HTTP, 80, List.of(), null, List.of(Redirect.toHttps())),
                    new Listener(
                            LB + "/l443",
                            LB,
                            Protocol.HTTPS,
                            443,
                            List.of(CERT, OLD_CERT),
                            "ELBSecurityPolicy-TLS13-1-2-2021-06",
                            List.of(new Forward(List.of(new WeightedTargetGroup(TG, 1)), null))));
        }

        @Override
        public List<Rule> rules(String listenerArn) {
            return List.of();
        }

        @Override
        public List<TargetGroup> targetGroups(String loadBalancerArn) {
            return List.of();
        }

        @Override
        public List<TargetHealth> targetHealth(String targetGroupArn) {
            return List.of();
        }

        @Override
        public Rule modifyRule(String ruleArn, List<Condition> conditions, List<Action> actions) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public List<Rule> setRulePriorities(Map<String, RulePriority> priorities) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public Rule createRule(
                String listenerArn, RulePriority priority, List<Condition> conditions, List<Action> actions) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public void deleteRule(String ruleArn) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public Listener modifyListener(
                String listenerArn, List<Action> defaultActions, List<String> certificateArns, String sslPolicy) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public Listener createHttpsListener(
                String loadBalancerArn,
                int port,
                List<String> certificateArns,
                String sslPolicy,
                List<Action> defaultActions) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public List<SslPolicy> sslPolicies() {
            return List.of();
        }
    }
}
