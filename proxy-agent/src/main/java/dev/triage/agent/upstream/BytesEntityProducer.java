package dev.triage.agent.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A buffered request body, sent as is. It declares no content type: the client's own Content-Type
 * field is forwarded with the other headers.
 */
final class BytesEntityProducer implements AsyncEntityProducer {

    private final byte[] body;
    private ByteBuffer remaining;

    BytesEntityProducer(byte[] body) {
        this.body = body;
        this.remaining = ByteBuffer.wrap(body);
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public void failed(Exception cause) {}

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public synchronized int available() {
        return remaining.remaining();
    }

    @Override
    public synchronized void produce(DataStreamChannel channel) throws IOException {
        if (remaining.hasRemaining()) {
            channel.write(remaining);
        }
        if (!remaining.hasRemaining()) {
            channel.endStream();
        }
    }

    @Override
    public synchronized void releaseResources() {
        remaining = ByteBuffer.wrap(body);
    }
}
