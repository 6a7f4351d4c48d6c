package dev.triage.agent.log;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.triage.agent.api.config.AccessLog;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-lines access log: request threads only offer an entry to a bounded queue; one daemon
 * thread formats and writes. When the queue is full the entry is dropped and counted, so a slow disk
 * never slows traffic.
 */
public final class AccessLogWriter implements AutoCloseable {

    public static final int QUEUE_CAPACITY = 16_384;
    public static final AccessLogWriter DISABLED = new AccessLogWriter();

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final int BATCH = 512;

    private final BlockingQueue<AccessLogEntry> queue;
    private final LongAdder dropped = new LongAdder();
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean closed;

    private AccessLogWriter() {
        this.queue = null;
        this.out = null;
        this.writer = null;
    }

    private AccessLogWriter(OutputStream out, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = out;
        this.writer = Thread.ofPlatform().name("triage-access-log").daemon().unstarted(this::run);
        this.writer.start();
    }

    /** Opens the log the config names: a file (appended), standard output for "-", or nothing. */
    public static AccessLogWriter open(AccessLog config) throws IOException {
        requireNonNull(config, "config");
        if (!config.enabled() || config.path() == null || config.path().isBlank()) {
            return DISABLED;
        }
        if ("-".equals(config.path())) {
            return to(new FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        }
        Path path = Path.of(config.path());
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return to(new FileOutputStream(path.toFile(), true));
    }

    /** A log to any stream (closed with the writer), with the default queue bound. */
    public static AccessLogWriter to(OutputStream out) {
        return to(out, QUEUE_CAPACITY);
    }

    static AccessLogWriter to(OutputStream out, int capacity) {
        return new AccessLogWriter(new BufferedOutputStream(requireNonNull(out, "out"), 64 * 1024), capacity);
    }

    /** Queues one entry; never blocks. */
    public void log(AccessLogEntry entry) {
        if (queue == null) {
            return;
        }
        if (closed || !queue.offer(entry)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    public boolean enabled() {
        return queue != null;
    }

    private void run() {
        List<AccessLogEntry> batch = new ArrayList<>(BATCH);
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            while (!closed || !queue.isEmpty()) {
                AccessLogEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (AccessLogEntry entry : batch) {
                    write(json, entry);
                }
                batch.clear();
                if (queue.isEmpty()) {
                    json.flush();
                }
            }
            json.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("access log stopped: {}", e.toString());
        }
    }

    private static void write(JsonGenerator json, AccessLogEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", entry.time().toString());
        json.writeStringField("requestId", entry.requestId());
        json.writeStringField("clientAddress", entry.clientAddress());
        json.writeStringField("method", entry.method());
        json.writeStringField("path", entry.path());
        if (entry.query() != null) {
            json.writeStringField("query", entry.query());
        }
        json.writeNumberField("status", entry.status());
        json.writeNumberField("bytes", entry.bytes());
        json.writeNumberField("durationMs", Math.round(entry.durationNanos() / 1_000.0) / 1_000.0);
        json.writeStringField("route", entry.route());
        json.writeStringField("targetGroup", entry.targetGroup());
        json.writeNumberField("attempts", entry.attempts());
        json.writeStringField("cache", entry.cache());
        json.writeStringField("outcome", entry.outcome());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Writes what is queued, then closes the stream. */
    @Override
    public void close() {
        if (queue == null || closed) {
            return;
        }
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the access log failed: {}", e.toString());
        }
    }
}
