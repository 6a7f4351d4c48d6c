package dev.triage.core.aws.s3;

import dev.triage.core.aws.context.AdapterErrors;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Runs the S3 (and ELBv2 attribute) calls of the access-log reader and turns failures into {@link CoreException}s. */
final class S3Errors {

    static final String S3 = "S3";
    static final String ELBV2 = "ELBv2";

    private static final Set<String> KNOWN = Set.of(
            "NoSuchBucket",
            "NoSuchKey",
            "AccessDenied",
            "InvalidBucketName",
            "PermanentRedirect",
            "AuthorizationHeaderMalformed",
            "LoadBalancerNotFound",
            "ValidationError");

    private final AwsContext context;

    /** @param context for the generic translation (credentials, network, throttling), or null (fakes in tests) */
    S3Errors(AwsContext context) {
        this.context = context;
    }

    /**
     * Runs {@code call}.
     *
     * @param subject what the call reads, for messages: {@code s3://bucket/key} or a load balancer ARN
     */
    <T> T call(String service, String operation, String subject, Supplier<T> call) {
        return AdapterErrors.call(
                context,
                service,
                operation,
                call,
                e -> KNOWN.contains(AdapterErrors.code(e)),
                e -> translate(service, operation, subject, e),
                e -> client(service, operation, subject, e));
    }

    /** A failure of the SDK's client side (I/O while streaming a body, an abort). */
    static CoreException client(String service, String operation, String subject, RuntimeException e) {
        if (AdapterErrors.interrupted(e)) {
            return interruption(service, operation, e);
        }
        return new CoreException.Unavailable(service, operation + " " + subject + " failed: " + e.getMessage(), e);
    }

    static CoreException interruption(String service, String operation, Throwable e) {
        Thread.currentThread().interrupt();
        return new CoreException.Unavailable(service, operation + " was interrupted", e);
    }

    static CoreException translate(String service, String operation, String subject, AwsServiceException e) {
        String code = AdapterErrors.code(e);
        String detail = AdapterErrors.detail(e);
        if (code == null) {
            return new CoreException.Unavailable(
                    service, operation + " " + subject + " failed (HTTP " + e.statusCode() + ")", e);
        }
        switch (code) {
            case "NoSuchBucket" -> {
                String bucket =
                        subject.startsWith("s3://") ? subject.substring(5).split("/", 2)[0] : subject;
                return new CoreException.NotFound(
                        "S3 bucket", bucket + " (the load balancer's access_logs.s3.bucket; was it deleted?)", e);
            }
            case "NoSuchKey" -> {
                return new CoreException.NotFound("access log object", subject, e);
            }
            case "LoadBalancerNotFound" -> {
                return new CoreException.NotFound("load balancer", subject, e);
            }
            case "InvalidBucketName", "ValidationError" -> {
                return new CoreException.Invalid(operation + " " + subject, List.of(code + ": " + detail), e);
            }
            case "PermanentRedirect", "AuthorizationHeaderMalformed" -> {
                return new CoreException.Invalid(
                        operation + " " + subject,
                        List.of("bucket region: the bucket is in another region than the load balancer (expected: the"
                                + " same region, as ALB access logging requires) [" + code + ": " + detail + "]"),
                        e);
            }
            default -> {
                // the generic kinds below
            }
        }
        if (code.startsWith("AccessDenied") || code.equals("AllAccessDisabled")) {
            return new CoreException.Denied(
                    operation + " " + subject,
                    detail + " (reading access logs needs s3:ListBucket and s3:GetObject on the log bucket)",
                    e);
        }
        if (e.isThrottlingException() || code.equals("SlowDown")) {
            return new CoreException.Throttled(operation, e);
        }
        return new CoreException.Unavailable(
                service,
                operation + " " + subject + " failed: " + code + " (HTTP " + e.statusCode() + "): " + detail,
                e);
    }
}
