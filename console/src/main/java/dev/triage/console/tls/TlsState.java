package dev.triage.console.tls;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Protocol;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One read of what the TLS screen shows, made off the UI thread. */
record TlsState(
        List<ListenerRow> listeners,
        boolean hasCertificateStore,
        List<CertificateRow> certificates,
        List<String> sslPolicies) {

    /** Days to expiry under which a certificate is coloured. */
    static final long SOON_DAYS = 30;
    /** Days to expiry under which (or once expired) it is coloured as urgent. */
    static final long URGENT_DAYS = 7;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    TlsState {
        listeners = List.copyOf(listeners);
        certificates = List.copyOf(certificates);
        sslPolicies = List.copyOf(sslPolicies);
    }

    /** How near a certificate's expiry is. */
    enum Expiry {
        FINE,
        SOON,
        URGENT,
        NONE
    }

    /** A listener with its protocol, SSL policy and certificates. */
    record ListenerRow(
            String loadBalancer,
            String listener,
            String protocol,
            String sslPolicy,
            String certificates,
            String action,
            Listener source) {

        String arn() {
            return source.arn();
        }

        boolean https() {
            return source.protocol() == Protocol.HTTPS;
        }
    }

    /** A certificate with its days to expiry. */
    record CertificateRow(
            String arn,
            String domain,
            String alternativeNames,
            String status,
            String expires,
            String daysLeft,
            Expiry expiry,
            String usedBy) {}

    /** Reads listeners from every load balancer, and the certificates when there is a store. Blocking. */
    static TlsState read(LoadBalancers loadBalancers, Optional<Certificates> store, Instant now) {
        requireNonNull(loadBalancers, "loadBalancers");
        requireNonNull(store, "store");
        requireNonNull(now, "now");
        List<Certificate> certificates = store.map(Certificates::certificates).orElse(List.of());
        Map<String, String> domains = new HashMap<>();
        certificates.forEach(c -> domains.put(c.arn(), c.domainName()));
        List<ListenerRow> listeners = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                boolean https = listener.protocol() == Protocol.HTTPS;
                listeners.add(new ListenerRow(
                        lb.name(),
                        listener.protocol() + " :" + listener.port(),
                        listener.protocol().name(),
                        https ? listener.sslPolicy() : "none (HTTP)",
                        https ? certificatesText(listener.certificateArns(), domains) : "-",
                        action(listener.defaultAction()),
                        listener));
            }
        }
        List<CertificateRow> rows = certificates.stream()
                .sorted(Comparator.comparing((Certificate c) -> c.notAfter() == null ? Instant.MAX : c.notAfter()))
                .map(c -> row(c, now))
                .toList();
        List<String> policies = loadBalancers.sslPolicies().stream()
                .map(dev.triage.core.domain.SslPolicy::name)
                .toList();
        return new TlsState(listeners, store.isPresent(), rows, policies);
    }

    static CertificateRow row(Certificate c, Instant now) {
        String sans = c.subjectAlternativeNames().stream()
                .filter(n -> !n.equals(c.domainName()))
                .reduce((a, b) -> a + ", " + b)
                .orElse("-");
        String used = c.inUse() ? c.inUseBy().size() + " listener(s) / load balancer(s)" : "not in use";
        if (c.notAfter() == null) {
            return new CertificateRow(
                    c.arn(), c.domainName(), sans, c.status().name(), "-", "no expiry yet", Expiry.NONE, used);
        }
        long days = c.daysToExpiry(now);
        Expiry expiry = days < URGENT_DAYS ? Expiry.URGENT : days < SOON_DAYS ? Expiry.SOON : Expiry.FINE;
        String left = days < 0 ? "expired " + (-days) + " day(s) ago" : days + " day(s)";
        return new CertificateRow(
                c.arn(), c.domainName(), sans, c.status().name(), DATE.format(c.notAfter()), left, expiry, used);
    }

    /** A forward in target group names ({@code forward: legacy 100, replacement 0}); other actions as described. */
    static String action(Action action) {
        if (action instanceof Forward forward) {
            return "forward: "
                    + forward.targetGroups().stream()
                            .map(g -> tail(g.targetGroupArn()) + " " + g.weight())
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        return action.describe();
    }

    private static String tail(String arn) {
        String[] parts = arn.split("/");
        // ELBv2: arn:...:targetgroup/NAME/ID; the lab: lab:targetgroup/NAME
        return parts.length >= 3 ? parts[parts.length - 2] : parts[parts.length - 1];
    }

    private static String certificatesText(List<String> arns, Map<String, String> domains) {
        List<String> names = arns.stream()
                .map(arn -> domains.getOrDefault(arn, arn.substring(arn.lastIndexOf('/') + 1)))
                .toList();
        return names.getFirst() + " (default)"
                + (names.size() > 1 ? " + " + String.join(", ", names.subList(1, names.size())) : "");
    }
}
