package dev.triage.lab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.Timeout;

/**
 * The fast upstream of the throughput bench: answers every GET on 127.0.0.1 with the same JSON body
 * of a fixed size, at once, on its one I/O reactor thread (httpcore5's async server, no thread hand-off).
 * Counts what it receives, a cross-check of the agent's own attempt counts. Anything but GET gets a
 * 405.
 */
final class ThroughputUpstream implements AutoCloseable {

    private final HttpAsyncServer server;
    private final ListenerEndpoint endpoint;
    private final byte[] body;
    private final LongAdder received = new LongAdder();
    private final Handler handler = new Handler();

    private ThroughputUpstream(int bodyBytes) throws IOException {
        this.body = body(bodyBytes);
        this.server = AsyncServerBootstrap.bootstrap()
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(1)
                        .setTcpNoDelay(true)
                        .setSoTimeout(Timeout.ofMinutes(2))
                        .build())
                .setRequestRouter((request, context) -> () -> new BasicServerExchangeHandler<>(handler))
                .create();
        server.start();
        try {
            this.endpoint = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), URIScheme.HTTP)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.close(CloseMode.IMMEDIATE);
            throw new IOException("throughput upstream: cannot listen on 127.0.0.1", e);
        } catch (InterruptedException e) {
            server.close(CloseMode.IMMEDIATE);
            Thread.currentThread().interrupt();
            throw new IOException("throughput upstream: interrupted while binding", e);
        }
    }

    static ThroughputUpstream start(int bodyBytes) throws IOException {
        return new ThroughputUpstream(bodyBytes);
    }

    int port() {
        return ((InetSocketAddress) endpoint.getAddress()).getPort();
    }

    long received() {
        return received.sum();
    }

    /** {"data":"xxx…"} padded to exactly {@code bytes} bytes (at least the 11 of the frame). */
    static byte[] body(int bytes) {
        String frame = "{\"data\":\"\"}";
        int padding = Math.max(0, bytes - frame.length());
        return ("{\"data\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        server.close(CloseMode.IMMEDIATE);
    }

    private final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, Void>> {

        @Override
        public AsyncRequestConsumer<Message<HttpRequest, Void>> prepare(
                HttpRequest request, EntityDetails entityDetails, HttpContext context) {
            return new BasicRequestConsumer<>(entityDetails == null ? null : new DiscardingEntityConsumer<>());
        }

        @Override
        public void handle(Message<HttpRequest, Void> request, ResponseTrigger responseTrigger, HttpContext context)
                throws HttpException, IOException {
            received.increment();
            if (!"GET".equals(request.getHead().getMethod())) {
                responseTrigger.submitResponse(
                        AsyncResponseBuilder.create(HttpStatus.SC_METHOD_NOT_ALLOWED)
                                .build(),
                        context);
                return;
            }
            responseTrigger.submitResponse(
                    AsyncResponseBuilder.create(HttpStatus.SC_OK)
                            .setEntity(AsyncEntityProducers.create(body, ContentType.APPLICATION_JSON))
                            .build(),
                    context);
        }
    }
}
