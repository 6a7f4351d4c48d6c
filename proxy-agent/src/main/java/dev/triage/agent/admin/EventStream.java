package dev.triage.agent.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The body of GET /admin/events: a {@code : connected} comment at once (so a client knows it is
 * subscribed), then each event as it is published, and a {@code : keep-alive} comment whenever the
 * stream has been quiet for the keep-alive interval. Runs on the admin server's worker thread for this
 * connection until the client goes away or the hub closes.
 */
final class EventStream extends AbstractHttpEntity {

    static final ContentType EVENT_STREAM = ContentType.create("text/event-stream", StandardCharsets.UTF_8);

    private final EventHub.Subscription subscription;
    private final long keepAliveNanos;

    EventStream(EventHub.Subscription subscription, Duration keepAlive) {
        super(EVENT_STREAM, null, true);
        this.subscription = subscription;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (subscription) {
            write(out, ": connected\n\n");
            while (true) {
                EventHub.Event event = subscription.next(keepAliveNanos, TimeUnit.NANOSECONDS);
                if (event == EventHub.Event.END) {
                    return;
                }
                write(out, event == null ? ": keep-alive\n\n" : event.wire());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("an event stream is written, not read");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
