package dev.triage.agent.server;

import java.net.SocketAddress;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.BasicServerTlsStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * The TLS side of an HTTPS listener: TLS 1.3 and 1.2 only, with a certificate that can be replaced
 * while the listener runs. A replacement builds a fresh TLS context (so old sessions do not resume
 * with the old certificate); connections already open keep theirs, new handshakes get the new one.
 */
final class ListenerTls implements TlsStrategy {

    /** The only protocol versions offered; older clients fail the handshake. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private volatile ServerCertificate certificate;
    private volatile TlsStrategy current;

    /** Without a certificate until {@link #use}; only HTTPS endpoints ask it to upgrade a connection. */
    ListenerTls() {}

    /** Serves this certificate to new handshakes; nothing changes when it is the same as the current one. */
    void use(ServerCertificate next) {
        if (next.sameAs(certificate)) {
            return;
        }
        current = new BasicServerTlsStrategy(
                next.newContext(), (endpoint, engine) -> engine.setEnabledProtocols(PROTOCOLS.clone()), null);
        certificate = next;
    }

    ServerCertificate certificate() {
        return certificate;
    }

    @Override
    public void upgrade(
            TransportSecurityLayer sessionLayer,
            NamedEndpoint endpoint,
            Object attachment,
            Timeout handshakeTimeout,
            FutureCallback<TransportSecurityLayer> callback) {
        TlsStrategy current = this.current;
        if (current == null) {
            callback.failed(new IllegalStateException("no certificate"));
            return;
        }
        current.upgrade(sessionLayer, endpoint, attachment, handshakeTimeout, callback);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public boolean upgrade(
            TransportSecurityLayer sessionLayer,
            HttpHost host,
            SocketAddress localAddress,
            SocketAddress remoteAddress,
            Object attachment,
            Timeout handshakeTimeout) {
        TlsStrategy current = this.current;
        return current != null
                && current.upgrade(sessionLayer, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }
}
