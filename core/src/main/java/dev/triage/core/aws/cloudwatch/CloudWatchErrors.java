package dev.triage.core.aws.cloudwatch;

import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsProblem;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs CloudWatch calls and turns their failures into {@link CoreException}s. CloudWatch answers in Smithy RPCv2 CBOR
 * now and its error codes may come as {@code InvalidParameterValue}, {@code InvalidParameterValueException} or
 * {@code com.amazonaws.cloudwatch#InvalidParameterValueException}: they are compared without namespace and suffix.
 */
final class CloudWatchErrors {

    static final String SERVICE = "CloudWatch";

    private static final Set<String> INVALID = Set.of(
            "InvalidParameterValue",
            "InvalidParameterCombination",
            "MissingParameter",
            "MissingRequiredParameter",
            "InvalidNextToken",
            "InvalidFormat",
            "ValidationError",
            "Validation");

    private final AwsContext context;

    /** @param context for the generic translation (credentials, network, throttling), or null (fakes in tests) */
    CloudWatchErrors(AwsContext context) {
        this.context = context;
    }

    <T> T call(String operation, String subject, Supplier<T> call) {
        try {
            return context == null ? call.get() : context.call(SERVICE, operation, call);
        } catch (AwsProblem problem) {
            if (interrupted(problem)) {
                throw interruption(operation, problem);
            }
            if (problem.getCause() instanceof AwsServiceException service && known(code(service))) {
                throw translate(operation, subject, service);
            }
            throw fromProblem(operation, problem);
        } catch (AwsServiceException e) {
            throw translate(operation, subject, e);
        } catch (SdkException e) {
            if (interrupted(e)) {
                throw interruption(operation, e);
            }
            throw new CoreException.Unavailable(SERVICE, operation + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean interrupted(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof AbortedException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static CoreException interruption(String operation, Throwable e) {
        Thread.currentThread().interrupt();
        return new CoreException.Unavailable(SERVICE, operation + " was interrupted; its outcome is unknown", e);
    }

    private static boolean known(String code) {
        return code != null
                && (INVALID.contains(code) || code.equals("LimitExceeded") || code.equals("ResourceNotFound"));
    }

    /** The error code without namespace ({@code ...#}) and without an {@code Exception} suffix. */
    static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code == null) {
            return null;
        }
        code = code.substring(code.lastIndexOf('#') + 1);
        return code.endsWith("Exception") ? code.substring(0, code.length() - "Exception".length()) : code;
    }

    private static String detail(AwsServiceException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? e.getMessage() : message;
    }

    static CoreException translate(String operation, String subject, AwsServiceException e) {
        String code = code(e);
        String detail = detail(e);
        String what = subject == null ? operation : operation + " " + subject;
        if (code == null) {
            return new CoreException.Unavailable(SERVICE, operation + " failed (HTTP " + e.statusCode() + ")", e);
        }
        if (INVALID.contains(code)) {
            return new CoreException.Invalid(what, List.of(code + ": " + detail), e);
        }
        if (code.equals("LimitExceeded")) {
            return new CoreException.Invalid(
                    what,
                    List.of("a CloudWatch limit is reached (expected: at most 500 metrics and 100,800 data points per"
                            + " GetMetricData call, or fewer calls per second) [" + detail + "]"),
                    e);
        }
        if (code.equals("ResourceNotFound")) {
            return new CoreException.NotFound("CloudWatch resource", detail, e);
        }
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")) {
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
