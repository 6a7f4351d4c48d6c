package dev.triage.core.aws.s3;

import static java.util.Objects.requireNonNull;

import dev.triage.core.accesslog.AlbLogEntry;
import dev.triage.core.accesslog.AlbLogFormatException;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AccessLogs;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link AccessLogs} over the files ALB writes to S3.
 *
 * <p>The bucket and prefix come from the load balancer's attributes ({@code access_logs.s3.*}, read with ELBv2
 * DescribeLoadBalancerAttributes by {@link #open}, or from the given function); logging turned off is NotFound naming
 * the load balancer. The read lists, per UTC day of the range, the files of that load balancer only (its file-name
 * prefix), keeps those whose interval can hold entries of {@code [from, to)}, and streams each gzip object through
 * {@link dev.triage.core.accesslog.AlbLogParser}, keeping the entries answered in the range. Everything is lazy: no call
 * is made before the stream is consumed, one object is open at a time, and closing the stream aborts it. Entries come
 * file by file in key order (by interval end); within the range they are not merged across the load balancer's nodes.
 * A malformed line is skipped and handed to {@code onBadLine} with its object key.
 */
public final class S3AccessLogs implements AccessLogs, AutoCloseable {

    private final S3Client s3;
    private final Function<String, Optional<Location>> locations;
    private final BiConsumer<String, AlbLogFormatException> onBadLine;
    private final S3Errors errors;
    private final AutoCloseable[] owned;

    /**
     * A reader over a given client (not closed by it), e.g. a fake in tests.
     *
     * @param locations a load balancer's log location by its ARN, empty when logging is off
     * @param onBadLine told about each malformed line (object key, problem); it may throw to stop the read
     */
    public S3AccessLogs(
            S3Client s3,
            Function<String, Optional<Location>> locations,
            BiConsumer<String, AlbLogFormatException> onBadLine) {
        this(s3, locations, onBadLine, null);
    }

    private S3AccessLogs(
            S3Client s3,
            Function<String, Optional<Location>> locations,
            BiConsumer<String, AlbLogFormatException> onBadLine,
            AwsContext context,
            AutoCloseable... owned) {
        this.s3 = requireNonNull(s3, "s3");
        this.locations = requireNonNull(locations, "locations");
        this.onBadLine = requireNonNull(onBadLine, "onBadLine");
        this.errors = new S3Errors(context);
        this.owned = owned;
    }

    /**
     * A reader over S3 and ELBv2 clients built by {@code context} (closed with the reader); path-style S3 addressing
     * when the context has an endpoint override (local S3 servers).
     */
    public static S3AccessLogs open(AwsContext context, BiConsumer<String, AlbLogFormatException> onBadLine) {
        requireNonNull(context, "context");
        S3Client s3 =
                context.client(S3Client.builder().forcePathStyle(context.place().endpointOverride() != null));
        ElasticLoadBalancingV2Client elbv2;
        try {
            elbv2 = context.client(ElasticLoadBalancingV2Client.builder());
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        var attributes = new Elbv2LogLocations(elbv2, new S3Errors(context));
        return new S3AccessLogs(s3, attributes::locate, onBadLine, context, s3, elbv2);
    }

    @Override
    public Stream<AlbLogEntry> entries(String loadBalancerArn, Instant from, Instant to) {
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        LogKeys.checkRange(from, to);
        LogKeys.of(loadBalancerArn, null); // checks the ARN before any call
        Location location = locations
                .apply(loadBalancerArn)
                .orElseThrow(() -> new CoreException.NotFound(
                        "access logs of load balancer",
                        loadBalancerArn + " (access logging to S3 is turned off: set its access_logs.s3.enabled"
                                + " attribute and a bucket)"));
        LogKeys keys = LogKeys.of(loadBalancerArn, location.prefix());
        var spliterator = new LogSpliterator(s3, errors, location.bucket(), keys, from, to, onBadLine);
        return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the access log reader's clients", e);
            }
        }
    }

    /**
     * Where a load balancer writes its access logs.
     *
     * @param prefix the key prefix, empty for none (ALB then writes under {@code AWSLogs/})
     */
    public record Location(String bucket, String prefix) {

        public Location {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("bucket: '" + bucket + "' (expected: an S3 bucket name)");
            }
            prefix = prefix == null ? "" : prefix;
        }

        /**
         * The location from a load balancer's attributes, as DescribeLoadBalancerAttributes returns them; empty
         * unless {@code access_logs.s3.enabled} is true and a bucket is set.
         */
        public static Optional<Location> fromAttributes(Map<String, String> attributes) {
            requireNonNull(attributes, "attributes");
            String bucket = attributes.get("access_logs.s3.bucket");
            if (!"true".equalsIgnoreCase(attributes.get("access_logs.s3.enabled"))
                    || bucket == null
                    || bucket.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Location(bucket, attributes.getOrDefault("access_logs.s3.prefix", "")));
        }
    }
}
