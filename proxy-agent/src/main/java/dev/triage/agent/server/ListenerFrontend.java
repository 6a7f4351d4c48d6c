package dev.triage.agent.server;

import dev.triage.agent.api.config.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's HTTP/1.1 server (HttpCore 5 async, keep-alive), over TLS for an HTTPS listener.
 * Each request head gets a handler bound to the route table current at that moment, so a config swap
 * never changes a request in flight; an HTTPS listener's certificate is swapped the same way, for new
 * handshakes only.
 */
final class ListenerFrontend implements AutoCloseable {

    /** Request line and each header line are bounded; more headers than this get 400. */
    static final int MAX_LINE_LENGTH = 8 * 1024;

    static final int MAX_HEADER_COUNT = 100;
    /** Idle keep-alive connections close after this; also bounds a client that stops mid-request. */
    static final Timeout IDLE_TIMEOUT = Timeout.ofSeconds(120);
    /** A client that does not finish its TLS handshake in this time is dropped. */
    static final Timeout HANDSHAKE_TIMEOUT = Timeout.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ListenerFrontend.class);

    private final Listener config;
    private final HttpAsyncServer server;
    private final ListenerTls tls = new ListenerTls();
    private volatile ListenerEndpoint endpoint;
    private volatile boolean secure;
    private volatile RouteTable routes;

    private ListenerFrontend(Listener config, RouteTable routes, RequestFlow flow, ServerCertificate certificate)
            throws IOException {
        this.config = config;
        this.routes = routes;
        if (config.secure() && certificate == null) {
            throw new IllegalArgumentException(
                    "listener " + config.name() + ": no certificate (expected: one for an HTTPS listener)");
        }
        if (certificate != null) {
            tls.use(certificate);
        }
        this.secure = config.secure();
        this.server = AsyncServerBootstrap.bootstrap()
                .setTlsStrategy(tls)
                .setTlsHandshakeTimeout(HANDSHAKE_TIMEOUT)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setSoTimeout(IDLE_TIMEOUT)
                        .setTcpNoDelay(true)
                        .setSoReuseAddress(true)
                        .build())
                .setHttp1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_LINE_LENGTH)
                        .setMaxHeaderCount(MAX_HEADER_COUNT)
                        .build())
                .setRequestRouter((request, context) -> () -> new ProxyExchangeHandler(this.routes, flow))
                .setExceptionCallback(e -> LOG.debug("listener {}: {}", config.name(), e.toString()))
                .create();
        server.start();
        try {
            this.endpoint = listen(config.port(), secure);
        } catch (IOException e) {
            server.close(CloseMode.IMMEDIATE);
            throw e;
        }
    }

    private ListenerEndpoint listen(int port, boolean overTls) throws IOException {
        try {
            return server.listen(
                            new InetSocketAddress(config.bindAddress(), port),
                            overTls ? URIScheme.HTTPS : URIScheme.HTTP)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(
                    "listener " + config.name() + ": cannot listen on " + config.bindAddress() + ":" + port + " ("
                            + cause.getMessage() + ")",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding listener " + config.name(), e);
        }
    }

    static ListenerFrontend start(Listener config, RouteTable routes, RequestFlow flow) throws IOException {
        return new ListenerFrontend(config, routes, flow, null);
    }

    /** Starts a listener; {@code certificate} is required for HTTPS and ignored for HTTP. */
    static ListenerFrontend start(Listener config, RouteTable routes, RequestFlow flow, ServerCertificate certificate)
            throws IOException {
        return new ListenerFrontend(config, routes, flow, certificate);
    }

    Listener config() {
        return config;
    }

    /**
     * True when the new listener config binds the same address and port, so this server can stay (a
     * new certificate or protocol is taken by {@link #secure}).
     */
    boolean bindsSameAs(Listener other) {
        return config.bindAddress().equals(other.bindAddress()) && config.port() == other.port();
    }

    /**
     * Takes the listener's protocol and certificate (null for HTTP): new handshakes get the new
     * certificate; a protocol change closes the listening socket and opens it again on the same port
     * with the other protocol, while open connections go on as they were.
     */
    void secure(Listener listener, ServerCertificate certificate) {
        if (certificate != null) {
            tls.use(certificate);
        }
        if (listener.secure() == secure) {
            return;
        }
        int port = port();
        try {
            endpoint.close();
            endpoint = listen(port, listener.secure());
            secure = listener.secure();
            LOG.info("listener {}: now {} on port {}", config.name(), listener.protocol(), port);
        } catch (IOException e) {
            LOG.error(
                    "listener {}: protocol change to {} failed, so it is down: {}",
                    config.name(),
                    listener.protocol(),
                    e.getMessage());
        }
    }

    void routes(RouteTable newRoutes) {
        this.routes = newRoutes;
    }

    int port() {
        return ((InetSocketAddress) endpoint.getAddress()).getPort();
    }

    @Override
    public void close() {
        server.close(CloseMode.GRACEFUL);
    }
}
