package dev.triage.core.aws.acm;

import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsProblem;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs ACM calls and turns their failures into {@link CoreException}s a person understands. */
final class AcmErrors {

    static final String SERVICE = "ACM";

    /** Codes that mean the request itself was wrong: ACM changed nothing. */
    private static final Set<String> INVALID = Set.of(
            "ValidationException",
            "InvalidParameterException",
            "InvalidArgsException",
            "InvalidDomainValidationOptionsException",
            "InvalidTagException",
            "TooManyTagsException",
            "TagPolicyException");

    /** Codes that mean the certificate's state forbids the call now. */
    private static final Set<String> CONFLICT =
            Set.of("ResourceInUseException", "ConflictException", "InvalidStateException");

    private static final Set<String> KNOWN = Set.of(
            "ResourceNotFoundException",
            "InvalidArnException",
            "LimitExceededException",
            "RequestInProgressException",
            "AccessDeniedException");

    private final AwsContext context;

    /** @param context for the generic translation (credentials, network, throttling), or null (fakes in tests) */
    AcmErrors(AwsContext context) {
        this.context = context;
    }

    /**
     * Runs {@code call}.
     *
     * @param operation the ACM operation, e.g. DescribeCertificate
     * @param certificateArn the certificate the call names, or null
     */
    <T> T call(String operation, String certificateArn, Supplier<T> call) {
        try {
            return context == null ? call.get() : context.call(SERVICE, operation, call);
        } catch (AwsProblem problem) {
            if (interrupted(problem)) {
                throw interruption(operation, problem);
            }
            if (problem.getCause() instanceof AwsServiceException service && known(code(service))) {
                throw translate(operation, certificateArn, service);
            }
            throw fromProblem(operation, problem);
        } catch (AwsServiceException e) {
            throw translate(operation, certificateArn, e);
        } catch (SdkException e) {
            if (interrupted(e)) {
                throw interruption(operation, e);
            }
            throw new CoreException.Unavailable(SERVICE, operation + " failed: " + e.getMessage(), e);
        }
    }

    static boolean interrupted(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof AbortedException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** The port promises Unavailable with the interrupt flag set. */
    static CoreException interruption(String operation, Throwable e) {
        Thread.currentThread().interrupt();
        return new CoreException.Unavailable(SERVICE, operation + " was interrupted; its outcome is unknown", e);
    }

    private static boolean known(String code) {
        return code != null && (KNOWN.contains(code) || INVALID.contains(code) || CONFLICT.contains(code));
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String detail(AwsServiceException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? e.getMessage() : message;
    }

    static CoreException translate(String operation, String certificateArn, AwsServiceException e) {
        String code = code(e);
        String detail = detail(e);
        String subject = certificateArn == null ? operation : operation + " " + certificateArn;
        if (code == null) {
            return new CoreException.Unavailable(SERVICE, operation + " failed (HTTP " + e.statusCode() + ")", e);
        }
        switch (code) {
            case "ResourceNotFoundException" -> {
                return new CoreException.NotFound("certificate", certificateArn == null ? detail : certificateArn, e);
            }
            case "InvalidArnException" -> {
                return new CoreException.Invalid(
                        subject,
                        List.of("certificate ARN: '" + certificateArn
                                + "' (expected: arn:aws:acm:REGION:ACCOUNT:certificate/ID) [" + detail + "]"),
                        e);
            }
            case "LimitExceededException" -> {
                return new CoreException.Invalid(
                        subject,
                        List.of("certificates: an ACM quota is reached (expected: fewer certificates, or fewer imports"
                                + " this year; ask AWS Service Quotas for more) [" + detail + "]"),
                        e);
            }
            case "RequestInProgressException" -> {
                return new CoreException.Conflict(
                        operation + ": ACM is still processing the certificate (" + detail
                                + "); try again in a few seconds",
                        e);
            }
            default -> {
                // fall through to the sets below
            }
        }
        if (INVALID.contains(code)) {
            return new CoreException.Invalid(subject, List.of(code + ": " + detail), e);
        }
        if (CONFLICT.contains(code)) {
            return new CoreException.Conflict(operation + ": " + detail + " [" + code + "]", e);
        }
        if (code.startsWith("AccessDenied")) {
            return new CoreException.Denied(operation, detail, e);
        }
        if (e.isThrottlingException()) {
            return new CoreException.Throttled(operation, e);
        }
        return new CoreException.Unavailable(
                SERVICE, operation + " failed: " + code + " (HTTP " + e.statusCode() + "): " + detail, e);
    }

    private static CoreException fromProblem(String operation, AwsProblem problem) {
        return switch (problem.kind()) {
            case ACCESS_DENIED, NO_CREDENTIALS, EXPIRED_CREDENTIALS, INVALID_CREDENTIALS ->
                new CoreException.Denied(operation, problem.getMessage(), problem);
            case THROTTLED -> new CoreException.Throttled(operation, problem);
            default -> new CoreException.Unavailable(SERVICE, problem.getMessage(), problem);
        };
    }
}
