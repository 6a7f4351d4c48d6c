package dev.triage.core.aws.s3;

import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.accesslog.AlbLogFormatException;
import dev.triage.core.accesslog.AlbLogParser;
import dev.triage.core.domain.CoreException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The entries of one read, pulled on demand: a day's listing page is fetched when the keys before it are used up, an
 * object is opened when the entries before it are, and at most one object is open at a time (closed when it is used
 * up or when the stream is closed).
 */
final class LogSpliterator extends Spliterators.AbstractSpliterator<AlbLogEntry> implements AutoCloseable {

    static final int MAX_PAGES_PER_DAY = 1_000;

    private final S3Client s3;
    private final S3Errors errors;
    private final String bucket;
    private final LogKeys keys;
    private final Instant from;
    private final Instant to;
    private final BiConsumer<String, AlbLogFormatException> onBadLine;
    private final Deque<String> days;
    private final Deque<String> pending = new ArrayDeque<>();

    private String day;
    private String continuation;
    private int pagesOfDay;
    private String currentKey;
    private Stream<AlbLogEntry> current;
    private Iterator<AlbLogEntry> entries;
    private ResponseInputStream<GetObjectResponse> body;

    LogSpliterator(
            S3Client s3,
            S3Errors errors,
            String bucket,
            LogKeys keys,
            Instant from,
            Instant to,
            BiConsumer<String, AlbLogFormatException> onBadLine) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.s3 = s3;
        this.errors = errors;
        this.bucket = bucket;
        this.keys = keys;
        this.from = from;
        this.to = to;
        this.onBadLine = onBadLine;
        this.days = new ArrayDeque<>(keys.dayPrefixes(from, to));
    }

    @Override
    public boolean tryAdvance(Consumer<? super AlbLogEntry> action) {
        while (true) {
            if (entries != null) {
                AlbLogEntry entry = next();
                if (entry != null) {
                    action.accept(entry);
                    return true;
                }
                closeCurrent(false);
            }
            String key = nextKey();
            if (key == null) {
                return false;
            }
            open(key);
        }
    }

    /** The next entry in range of the open object, or null when it has no more. */
    private AlbLogEntry next() {
        try {
            return entries.hasNext() ? entries.next() : null;
        } catch (UncheckedIOException e) {
            throw new CoreException.Unavailable(
                    S3Errors.S3,
                    "reading " + where(currentKey) + " failed: " + e.getCause().getMessage(),
                    e);
        } catch (SdkException e) {
            throw S3Errors.client(S3Errors.S3, "GetObject", where(currentKey), e);
        }
    }

    private void open(String key) {
        var body = errors.call(
                S3Errors.S3,
                "GetObject",
                where(key),
                () -> s3.getObject(b -> b.bucket(bucket).key(key)));
        currentKey = key;
        this.body = body;
        current = AlbLogParser.parse(body, bad -> onBadLine.accept(key, bad))
                .filter(e -> AlbLogParser.inRange(e, from, to));
        entries = current.iterator();
    }

    /** The next key that may hold entries in range, listing further pages and days as needed; null at the end. */
    private String nextKey() {
        while (pending.isEmpty()) {
            if (day == null) {
                day = days.pollFirst();
                if (day == null) {
                    return null;
                }
                continuation = null;
                pagesOfDay = 0;
            }
            if (++pagesOfDay > MAX_PAGES_PER_DAY) {
                throw new CoreException.Unavailable(
                        S3Errors.S3,
                        "listing s3://" + bucket + "/" + day + " returned more than " + MAX_PAGES_PER_DAY
                                + " pages; stopped",
                        null);
            }
            String token = continuation;
            String prefix = day;
            ListObjectsV2Response page = errors.call(
                    S3Errors.S3,
                    "ListObjectsV2",
                    "s3://" + bucket + "/" + prefix,
                    () -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(token)));
            List<String> found = page.contents().stream()
                    .map(S3Object::key)
                    .filter(k -> keys.mayHold(k, from, to))
                    .toList();
            pending.addAll(found);
            if (Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null) {
                continuation = page.nextContinuationToken();
            } else {
                day = null;
            }
        }
        return pending.pollFirst();
    }

    private String where(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** @param early true when the object was not read to its end: abort its body rather than drain it */
    private void closeCurrent(boolean early) {
        Stream<AlbLogEntry> open = current;
        ResponseInputStream<GetObjectResponse> unread = early ? body : null;
        current = null;
        entries = null;
        currentKey = null;
        body = null;
        if (unread != null) {
            unread.abort();
        }
        if (open != null) {
            try {
                open.close();
            } catch (UncheckedIOException e) {
                // closing a body we are done with; nothing more to read from it
            }
        }
    }

    @Override
    public void close() {
        closeCurrent(true);
        days.clear();
        pending.clear();
        day = null;
    }
}
