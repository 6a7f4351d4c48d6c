package dev.triage.agent.server;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client exchange. On the reactor thread: read the head, answer built-ins, route, gate, and
 * buffer the body within the route's bound (413 beyond it). Then the request runs on a virtual
 * thread and its response is handed back through the response channel; the reactor writes it.
 * Nothing here blocks a reactor thread.
 */
final class ProxyExchangeHandler implements AsyncServerExchangeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchangeHandler.class);
    private static final int MAX_REQUEST_ID_LENGTH = 200;
    private static final int INITIAL_BODY_CAPACITY = 8 * 1024;

    private final RouteTable routes;
    private final RequestFlow flow;
    private final long startNanos = System.nanoTime();
    private final RequestContext context = new RequestContext();
    private final AtomicBoolean responded = new AtomicBoolean();
    private final ReentrantLock outputLock = new ReentrantLock();

    private volatile ResponseChannel channel;
    private volatile HttpContext httpContext;
    private volatile Future<?> task;
    private ProxyRequest head;
    private RouteRuntime route;
    private boolean builtin;
    private long maxBodyBytes;
    private byte[] body;
    private int size;
    private volatile boolean bodyRefused;

    private ByteBuffer output;
    private boolean ended;

    ProxyExchangeHandler(RouteTable routes, RequestFlow flow) {
        this.routes = routes;
        this.flow = flow;
    }

    @Override
    public void handleRequest(
            HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel, HttpContext context)
            throws HttpException, IOException {
        this.channel = responseChannel;
        this.httpContext = context;
        String clientAddress = clientAddress(context);
        String rawTarget = request.getPath();
        String method = request.getMethod();
        if (rawTarget == null || !rawTarget.startsWith("/")) {
            head = new ProxyRequest(
                    method, "-", null, Headers.EMPTY, null, clientAddress, newRequestId(), scheme(context));
            context("bad_request");
            sendEarly(ProxyResponse.error(400, "bad_request", "the request target must be a path"), entityDetails);
            return;
        }
        int question = rawTarget.indexOf('?');
        String path = question < 0 ? rawTarget : rawTarget.substring(0, question);
        String query = question < 0 ? null : rawTarget.substring(question + 1);
        Headers.Builder headers = Headers.builder();
        String requestId = null;
        for (Header header : request.getHeaders()) {
            headers.add(header.getName(), header.getValue());
            if (requestId == null && "X-Request-Id".equalsIgnoreCase(header.getName()) && validId(header.getValue())) {
                requestId = header.getValue();
            }
        }
        if (requestId == null) {
            requestId = newRequestId();
            headers.set("X-Request-Id", requestId);
        }
        head = new ProxyRequest(method, path, query, headers.build(), null, clientAddress, requestId, scheme(context));

        if (Builtins.handles(method, path)) {
            builtin = true;
            maxBodyBytes = 0;
        } else {
            route = routes.match(head);
            Optional<ProxyResponse> refusal = route.match().gate().admit(head);
            route.detector().request(head, refusal.isPresent() ? refusal.get().status() : 0);
            if (refusal.isPresent()) {
                context("rejected");
                sendEarly(refusal.get(), entityDetails);
                return;
            }
            maxBodyBytes = route.maxBodyBytes();
        }
        if (entityDetails == null) {
            dispatch();
            return;
        }
        long declared = entityDetails.getContentLength();
        if (declared > maxBodyBytes) {
            refuseBody();
            return;
        }
        body = new byte[declared >= 0 ? (int) declared : (int) Math.min(INITIAL_BODY_CAPACITY, maxBodyBytes)];
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (bodyRefused || responded.get() || body == null) {
            src.position(src.limit());
            return;
        }
        int incoming = src.remaining();
        if ((long) size + incoming > maxBodyBytes) {
            src.position(src.limit());
            refuseBody();
            return;
        }
        if (size + incoming > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(body.length * 2L, size + incoming)));
        }
        src.get(body, size, incoming);
        size += incoming;
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        if (bodyRefused || responded.get()) {
            return;
        }
        dispatch();
    }

    private void refuseBody() throws IOException {
        bodyRefused = true;
        body = null;
        context("body_too_large");
        send(
                ProxyResponse.error(413, "payload_too_large", "the request body exceeds " + maxBodyBytes + " bytes"),
                true);
    }

    private void context(String outcome) {
        context.outcome = outcome;
    }

    private void sendEarly(ProxyResponse response, EntityDetails pendingBody) throws IOException {
        send(response, pendingBody != null);
    }

    /** Hands the buffered request to a virtual thread. */
    private void dispatch() {
        ProxyRequest request =
                body == null ? head : withBody(head, size == body.length ? body : Arrays.copyOf(body, size));
        body = null;
        task = flow.executor()
                .submit(() -> ScopedValue.where(RequestContext.CURRENT, context).run(() -> respond(request)));
    }

    private void respond(ProxyRequest request) {
        try {
            if (builtin) {
                context("builtin");
                send(flow.builtins().respond(request.path()), false);
                return;
            }
            send(flow.process(route, request, context), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.debug("request {}: could not answer: {}", request.requestId(), e.toString());
        }
    }

    /** Commits the response once; the reactor (or this call) writes the body from {@link #produce}. */
    private void send(ProxyResponse response, boolean close) throws IOException {
        if (!responded.compareAndSet(false, true)) {
            return;
        }
        int status = response.status();
        boolean isHead = "HEAD".equals(head.method());
        BasicHttpResponse message = new BasicHttpResponse(status);
        long declaredLength = -1;
        for (Headers.Field field : response.headers().withoutHopByHop().fields()) {
            if (field.name().equalsIgnoreCase("content-length")) {
                declaredLength = parseLength(field.value());
            } else {
                message.addHeader(field.name(), field.value());
            }
        }
        if (!message.containsHeader("X-Request-Id")) {
            message.addHeader("X-Request-Id", head.requestId());
        }
        if (close) {
            message.addHeader("Connection", "close");
        }
        byte[] bytes = isHead ? new byte[0] : response.body();
        EntityDetails entity = null;
        if (status >= 200 && status != 204 && status != 304) {
            long length = isHead && declaredLength >= 0 ? declaredLength : response.body().length;
            entity = new BasicEntityDetails(length, null);
        }
        outputLock.lock();
        try {
            output = ByteBuffer.wrap(bytes);
        } finally {
            outputLock.unlock();
        }
        if (!builtin) {
            flow.completed(route, head, status, bytes.length, startNanos, context, response.headers());
        }
        try {
            channel.sendResponse(message, entity, httpContext);
        } catch (HttpException e) {
            throw new IOException(e);
        }
    }

    @Override
    public int available() {
        outputLock.lock();
        try {
            return output == null || ended ? 0 : Math.max(1, output.remaining());
        } finally {
            outputLock.unlock();
        }
    }

    @Override
    public void produce(DataStreamChannel dataChannel) throws IOException {
        outputLock.lock();
        try {
            if (output == null || ended) {
                return;
            }
            while (output.hasRemaining()) {
                if (dataChannel.write(output) == 0) {
                    break;
                }
            }
            if (!output.hasRemaining()) {
                ended = true;
                dataChannel.endStream();
            } else {
                dataChannel.requestOutput();
            }
        } finally {
            outputLock.unlock();
        }
    }

    @Override
    public void failed(Exception cause) {
        LOG.debug("client exchange failed: {}", cause.toString());
        cancel();
    }

    @Override
    public void releaseResources() {
        if (!responded.get()) {
            cancel();
        }
    }

    private void cancel() {
        Future<?> running = task;
        if (running != null && !responded.get()) {
            running.cancel(true);
        }
    }

    private static ProxyRequest withBody(ProxyRequest head, byte[] bytes) {
        return new ProxyRequest(
                head.method(),
                head.path(),
                head.query(),
                head.headers(),
                bytes,
                head.clientAddress(),
                head.requestId(),
                head.scheme());
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** https when this connection is TLS (whatever the listener's config says now), else http. */
    private static String scheme(HttpContext context) {
        return HttpCoreContext.cast(context).getSSLSession() != null ? ProxyRequest.HTTPS : ProxyRequest.HTTP;
    }

    private static String clientAddress(HttpContext context) {
        EndpointDetails endpoint = HttpCoreContext.cast(context).getEndpointDetails();
        SocketAddress remote = endpoint == null ? null : endpoint.getRemoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return remote == null ? "-" : remote.toString();
    }

    private static boolean validId(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }
}
