package dev.triage.agent.upstream;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Buffers one upstream response whole, refusing a body larger than the target group's bound (by its
 * Content-Length up front, or as it arrives). Hop-by-hop fields are dropped here.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<ProxyResponse> {

    private static final int CAPACITY = 64 * 1024;

    private final long maxBytes;
    private int status;
    private Headers headers = Headers.EMPTY;
    private byte[] body = new byte[0];
    private int size;

    BoundedResponseConsumer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws IOException {
        status = response.getCode();
        Headers.Builder builder = Headers.builder();
        for (Header header : response.getHeaders()) {
            builder.add(header.getName(), header.getValue());
        }
        headers = builder.build().withoutHopByHop();
        String length = headers.first("Content-Length").orElse(null);
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared > maxBytes) {
                    throw new ResponseTooLargeException(declared, maxBytes);
                }
                if (declared > 0) {
                    body = new byte[(int) Math.min(declared, CAPACITY)];
                }
            } catch (NumberFormatException e) {
                // The codec already rejects malformed framing; an odd value here is only a hint.
            }
        }
    }

    @Override
    protected int capacityIncrement() {
        return CAPACITY;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        int incoming = src.remaining();
        if ((long) size + incoming > maxBytes) {
            throw new ResponseTooLargeException((long) size + incoming, maxBytes);
        }
        if (size + incoming > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(body.length * 2L, size + incoming)));
        }
        src.get(body, size, incoming);
        size += incoming;
    }

    @Override
    protected ProxyResponse buildResult() {
        byte[] exact = size == body.length ? body : Arrays.copyOf(body, size);
        return new ProxyResponse(status, headers, exact);
    }

    @Override
    public void releaseResources() {}

    /** The body passed the target group's bound. */
    static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(long bytes, long maxBytes) {
            super("response body of " + bytes + " bytes or more (expected: at most " + maxBytes + ")");
        }
    }
}
