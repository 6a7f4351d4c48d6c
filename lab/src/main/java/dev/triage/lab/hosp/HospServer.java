package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HeaderElements;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpDateGenerator;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP/1.1 with keep-alive over sockets it owns: one virtual thread per connection, httpcore5's classic
 * connection to parse and write messages, and the fault model deciding each attempt (delay, 5XX, reset,
 * stall, write faults). Outages reset every open connection under a write lock, so a write either commits
 * and is answered before the outage, or never runs.
 */
final class HospServer {
    private static final Timeout IDLE_TIMEOUT = Timeout.ofMinutes(5);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HospOptions options;
    private final SimClock clock;
    private final Api api;
    private final AdminApi admin;
    private final FaultModel faults;
    private final HospStats stats;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    /** Connections with a request being processed; the rest are idle keep-alive connections. */
    private final Set<Socket> busy = ConcurrentHashMap.newKeySet();

    private final ReadWriteLock outageGate = new ReentrantReadWriteLock();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong requestNumbers = new AtomicLong();
    private volatile boolean down;

    HospServer(HospOptions options, SimClock clock, Api api, AdminApi admin, FaultModel faults, HospStats stats) {
        this.options = requireNonNull(options, "options");
        this.clock = requireNonNull(clock, "clock");
        this.api = requireNonNull(api, "api");
        this.admin = requireNonNull(admin, "admin");
        this.faults = requireNonNull(faults, "faults");
        this.stats = requireNonNull(stats, "stats");
    }

    /** Serves one accepted connection on its own virtual thread. */
    void accept(Socket socket) {
        if (closing.getCount() == 0) {
            reset(socket);
            return;
        }
        connections.add(socket);
        Thread.ofVirtual().name("hosp-conn").start(() -> serve(socket));
    }

    /**
     * An outage began. Crash ({@code drainInFlight} false): reset every open connection; requests already
     * answering finish first. Drain: close idle connections and let requests in flight finish, each on a
     * connection that then closes.
     */
    void outageBegan() {
        if (options.profile().outages().drainInFlight()) {
            down = true;
            for (Socket socket : connections) {
                if (!busy.contains(socket)) {
                    closeQuietly(socket);
                }
            }
            return;
        }
        outageGate.writeLock().lock();
        try {
            down = true;
            resetAll();
        } finally {
            outageGate.writeLock().unlock();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    void outageEnded() {
        down = false;
    }

    void close() {
        closing.countDown();
        resetAll();
    }

    private void resetAll() {
        for (Socket socket : connections) {
            reset(socket);
        }
    }

    private void serve(Socket socket) {
        DefaultBHttpServerConnection connection = new DefaultBHttpServerConnection("http", Http1Config.DEFAULT);
        try {
            connection.bind(socket);
            connection.setSocketTimeout(IDLE_TIMEOUT);
            boolean open = true;
            while (open) {
                ClassicHttpRequest request = connection.receiveRequestHeader();
                if (request == null) {
                    return;
                }
                connection.receiveRequestEntity(request);
                byte[] body =
                        request.getEntity() == null ? ApiResponse.EMPTY : EntityUtils.toByteArray(request.getEntity());
                busy.add(socket);
                try {
                    open = exchange(connection, socket, request, body);
                } finally {
                    busy.remove(socket);
                }
            }
        } catch (IOException | HttpException e) {
            // The peer went away, sent garbage, idled out, or an outage reset the connection.
        } finally {
            connections.remove(socket);
            close(connection);
        }
    }

    /** The whole request body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] body(ClassicHttpRequest request) throws IOException {
        if (request.getEntity() == null) {
            return ApiResponse.EMPTY;
        }
        if (request.getEntity().getContentLength() > MAX_BODY_BYTES) {
            return null;
        }
        byte[] body = EntityUtils.toByteArray(request.getEntity(), MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /** Handles one request; returns whether the connection stays open. */
    private boolean exchange(
            DefaultBHttpServerConnection connection, Socket socket, ClassicHttpRequest request, byte[] body)
            throws IOException, HttpException {
        ApiRequest apiRequest = apiRequest(request, body);
        boolean keepAlive = keepAlive(request);
        boolean head = "HEAD".equals(request.getMethod());
        if (apiRequest.path().startsWith(AdminApi.PREFIX)) {
            send(connection, admin.handle(apiRequest), apiRequest.requestId(), keepAlive, head);
            return keepAlive;
        }
        long started = System.nanoTime();
        stats.attempt();
        FaultModel.Decision decision = faults.decide(
                clock.profileSeconds(started), apiRequest.write(), random(requestNumbers.getAndIncrement()));
        if (down || decision.outcome() == FaultModel.Outcome.OUTAGE) {
            stats.outageRejection();
            reset(socket);
            return false;
        }
        if (!pause(decision.latencySeconds())) {
            reset(socket);
            return false;
        }
        switch (decision.outcome()) {
            case RESET -> {
                stats.connectionReset(System.nanoTime() - started);
                reset(socket);
                return false;
            }
            case STALL -> {
                return stall(socket, decision, started);
            }
            default -> {
                // answered below
            }
        }
        ApiResponse response;
        outageGate.readLock().lock();
        try {
            boolean draining = down && options.profile().outages().drainInFlight();
            if ((down && !draining) || socket.isClosed()) {
                stats.outageRejection();
                return false;
            }
            keepAlive &= !draining;
            response = switch (decision.outcome()) {
                case ERROR_500, FAIL_BEFORE_COMMIT -> fault(500);
                case ERROR_502 -> fault(502);
                case ERROR_503 -> fault(503);
                case COMMIT_THEN_ERROR -> {
                    api.handle(apiRequest);
                    yield fault(500);
                }
                case COMMIT_THEN_TIMEOUT -> {
                    api.handle(apiRequest);
                    yield null;
                }
                default -> api.handle(apiRequest);
            };
            if (response != null) {
                // Counted before sending, so whoever reads the stats after the answer sees this attempt.
                stats.answered(response.status(), System.nanoTime() - started);
                send(connection, response, apiRequest.requestId(), keepAlive, head);
            }
        } finally {
            outageGate.readLock().unlock();
        }
        // Commit then time out: the write is stored, the client hears nothing, then the connection resets.
        return response == null ? stall(socket, decision, started) : keepAlive;
    }

    private boolean stall(Socket socket, FaultModel.Decision decision, long started) {
        pause(decision.holdSeconds());
        stats.stalled(System.nanoTime() - started);
        reset(socket);
        return false;
    }

    /** Waits a profile duration at the time scale; false when the simulator is closing. */
    private boolean pause(double profileSeconds) {
        long nanos = clock.scaledNanos(profileSeconds);
        if (nanos <= 0) {
            return closing.getCount() > 0;
        }
        try {
            return !closing.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SplittableRandom random(long requestNumber) {
        long z = options.seed() + (requestNumber + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private static ApiResponse fault(int status) {
        return ApiResponse.error(status, status == 503 ? "HOSP is overloaded, try again later" : "HOSP failed");
    }

    private static ApiRequest apiRequest(ClassicHttpRequest request, byte[] body) {
        String target = request.getPath() == null ? "/" : request.getPath();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        // HEAD is answered as GET would be, without the body (RFC 9110 9.3.2).
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        return new ApiRequest(
                method,
                path,
                query,
                value(request.getFirstHeader(HttpHeaders.AUTHORIZATION)),
                value(request.getFirstHeader("X-Request-Id")),
                value(request.getFirstHeader("Idempotency-Key")),
                value(request.getFirstHeader(HttpHeaders.CONTENT_TYPE)),
                body);
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    private static boolean keepAlive(ClassicHttpRequest request) {
        ProtocolVersion version = request.getVersion() == null ? HttpVersion.HTTP_1_1 : request.getVersion();
        Header connection = request.getFirstHeader(HttpHeaders.CONNECTION);
        if (connection != null) {
            String value = connection.getValue();
            if (value.equalsIgnoreCase(HeaderElements.CLOSE)) {
                return false;
            }
            if (value.equalsIgnoreCase(HeaderElements.KEEP_ALIVE)) {
                return true;
            }
        }
        return version.greaterEquals(HttpVersion.HTTP_1_1);
    }

    private static void send(
            DefaultBHttpServerConnection connection,
            ApiResponse response,
            String requestId,
            boolean keepAlive,
            boolean head)
            throws IOException, HttpException {
        BasicClassicHttpResponse message =
                new BasicClassicHttpResponse(response.status(), ApiJson.reason(response.status()));
        message.addHeader(HttpHeaders.DATE, HttpDateGenerator.INSTANCE.getCurrentDate());
        message.addHeader(HttpHeaders.SERVER, "HOSP/2.3 (Triage lab)");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            message.addHeader(header.getKey(), header.getValue());
        }
        if (requestId != null) {
            message.addHeader("X-Request-Id", requestId);
        }
        if (!keepAlive) {
            message.addHeader(HttpHeaders.CONNECTION, HeaderElements.CLOSE);
        }
        boolean hasBody = response.status() != 204 && response.status() != 304;
        if (hasBody) {
            message.addHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
            message.addHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(response.body().length));
            message.setEntity(new ByteArrayEntity(response.body(), ContentType.APPLICATION_JSON));
        }
        connection.sendResponseHeader(message);
        if (hasBody && !head) {
            connection.sendResponseEntity(message);
        }
        connection.flush();
    }

    /** Abortive close: SO_LINGER 0 makes the peer see a connection reset (RST), not a clean FIN. */
    static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void close(DefaultBHttpServerConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
