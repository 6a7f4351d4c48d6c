package dev.triage.console.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.EdgeLoadBalancers;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import dev.triage.core.domain.Samples;
import dev.triage.core.domain.SslPolicy;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.domain.WeightedTargetGroup;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.InMemoryLoadBalancers;
import dev.triage.core.port.PemImport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(http.sslPolicy()).isEqualTo("none (HTTP)");
        assertThat(http.action()).isEqualTo("forward: legacy 1");
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

    @TempDir
    Path dir;

    private final InMemoryLoadBalancers lbs = seeded();

    @Test
    void redirectingHttpToHttpsIsPreviewedThenAppliedThroughTheChangePath() {
        TlsViewModel vm = viewModel(Optional.of(new Store()));
        vm.refresh();
        vm.selectedProperty().set(vm.listeners().getFirst());

        vm.previewRedirect();

        assertThat(vm.pendingProperty().get().title()).startsWith("redirect HTTP to HTTPS on listener HTTP 80");
        assertThat(listener(HTTP).defaultAction()).isInstanceOf(Forward.class);

        vm.confirm();

        assertThat(vm.messageProperty().get().tone()).isEqualTo(TlsViewModel.Tone.SUCCESS);
        assertThat(vm.messageProperty().get().text()).startsWith("Verified: redirect HTTP to HTTPS");
        assertThat(listener(HTTP).defaultAction()).isEqualTo(Redirect.toHttps());
        assertThat(vm.listeners().getFirst().action()).startsWith("redirect");
    }

    @Test
    void theSslPolicyOfAnHttpsListenerChangesToOneTheProviderOffers() {
        TlsViewModel vm = viewModel(Optional.of(new Store()));
        vm.refresh();
        assertThat(vm.sslPolicies()).containsExactly(TLS13, FS);
        vm.selectedProperty().set(vm.listeners().get(1));

        vm.previewSslPolicy(FS);
        vm.confirm();

        assertThat(listener(HTTPS).sslPolicy()).isEqualTo(FS);
        assertThat(vm.listeners().get(1).sslPolicy()).isEqualTo(FS);
    }

    @Test
    void aChangeThePlannerRefusesIsSaidWhereTheUserActed() {
        TlsViewModel vm = viewModel(Optional.of(new Store()));
        vm.refresh();
        vm.selectedProperty().set(vm.listeners().get(1));

        vm.previewSslPolicy("ELBSecurityPolicy-2016-08");

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text())
                .startsWith("Not possible: ")
                .contains("ELBSecurityPolicy-2016-08");
        assertThat(listener(HTTPS).sslPolicy()).isEqualTo(TLS13);
    }

    @Test
    void anHttpsListenerNeedsACertificateAndTheLabHasNoStore() {
        TlsViewModel vm = viewModel(Optional.empty());
        vm.refresh();

        vm.previewAddHttps(8443, null, TLS13);

        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.messageProperty().get().text()).contains("no certificate store");
    }

    private TlsViewModel viewModel(Optional<Certificates> store) {
        AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
        return new TlsViewModel(
                lbs,
                store,
                new ChangeApplier(lbs, journal),
                Tasks.direct(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                "tester");
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

    private static final String TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    private static final String FS = "ELBSecurityPolicy-FS-1-2-Res-2020-10";

    private static final String HTTP = LB + "/l80";
    private static final String HTTPS = LB + "/l443";

    /**
     * One load balancer with an HTTP listener (forwarding to legacy) and an HTTPS one (two
     * certificates, TLS 1.3 policy), in core's contract-tested fake; the two policies above offered.
     */
    static InMemoryLoadBalancers seeded() {
        Forward toLegacy = new Forward(List.of(new WeightedTargetGroup(TG, 1)), null);
        return new InMemoryLoadBalancers()
                .add(EdgeLoadBalancers.loadBalancer(LB))
                .add(new TargetGroup(TG, "legacy", Protocol.HTTP, 80, false, null, Samples.healthCheck(), List.of(LB)))
                .add(new SslPolicy(TLS13, List.of("TLSv1.3", "TLSv1.2"), List.of()))
                .add(new SslPolicy(FS, List.of("TLSv1.2"), List.of()))
                .add(new Listener(HTTP, LB, Protocol.HTTP, 80, List.of(), null, List.of(toLegacy)))
                .add(new Listener(HTTPS, LB, Protocol.HTTPS, 443, List.of(CERT, OLD_CERT), TLS13, List.of(toLegacy)));
    }

    private Listener listener(String arn) {
        return lbs.listeners(LB).stream()
                .filter(l -> l.arn().equals(arn))
                .findFirst()
                .orElseThrow();
    }
}
