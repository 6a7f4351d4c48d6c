package dev.triage.core.aws.context;

import dev.triage.core.domain.CoreException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The service-independent half of an AWS adapter's error translation: how a call's failure (an {@link AwsProblem}
 * from {@link AwsContext}, an AWS error answer, a client-side SDK failure) becomes a {@link CoreException}. Each
 * adapter supplies the codes it knows and what they mean.
 */
public final class AdapterErrors {

    private AdapterErrors() {}

    /**
     * Runs {@code call} through {@code context} (or directly when it is null: fakes in tests). An error answer whose
     * code the adapter {@code knows} is translated by the adapter even when {@code context} already turned it into an
     * {@link AwsProblem}; other problems keep their generic meaning.
     *
     * @param translate the adapter's translation of an AWS error answer
     * @param client what a failure without an AWS answer means (an interrupt, I/O): an {@link SdkException} or an
     *     interrupted {@link AwsProblem}
     */
    public static <T> T call(
            AwsContext context,
            String service,
            String operation,
            Supplier<T> call,
            Predicate<AwsServiceException> knows,
            Function<AwsServiceException, CoreException> translate,
            Function<RuntimeException, CoreException> client) {
        try {
            return context == null ? call.get() : context.call(service, operation, call);
        } catch (AwsProblem problem) {
            if (interrupted(problem)) {
                throw client.apply(problem);
            }
            if (problem.getCause() instanceof AwsServiceException e && knows.test(e)) {
                throw translate.apply(e);
            }
            throw fromProblem(service, operation, problem);
        } catch (AwsServiceException e) {
            throw translate.apply(e);
        } catch (SdkException e) {
            throw client.apply(e);
        }
    }

    /**
     * A failure without an AWS answer: {@link CoreException.Unavailable}, with the interrupt flag set if it was an
     * interrupt.
     */
    public static CoreException client(String service, String operation, RuntimeException e) {
        if (interrupted(e)) {
            return interruption(service, operation, e);
        }
        return new CoreException.Unavailable(service, operation + " failed: " + e.getMessage(), e);
    }

    /** The SDK answers an interrupt with AbortedException (or an InterruptedException cause). */
    public static boolean interrupted(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof AbortedException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** The ports promise Unavailable with the interrupt flag set. */
    public static CoreException interruption(String service, String operation, Throwable e) {
        Thread.currentThread().interrupt();
        return new CoreException.Unavailable(service, operation + " was interrupted; its outcome is unknown", e);
    }

    /** The error code of an AWS answer, or null. */
    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** The error message of an AWS answer, or the exception's own message when AWS gave none. */
    public static String detail(AwsServiceException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? e.getMessage() : message;
    }

    /** An answer without an error code: Unavailable, naming the HTTP status. */
    public static CoreException withoutCode(String service, String operation, AwsServiceException e) {
        return new CoreException.Unavailable(service, operation + " failed (HTTP " + e.statusCode() + ")", e);
    }

    /** A code the adapter has no meaning for: Throttled if AWS throttled the call, else Unavailable. */
    public static CoreException otherwise(String service, String operation, String code, AwsServiceException e) {
        if (e.isThrottlingException()) {
            return new CoreException.Throttled(operation, e);
        }
        return new CoreException.Unavailable(
                service, operation + " failed: " + code + " (HTTP " + e.statusCode() + "): " + detail(e), e);
    }

    /** The generic meaning of an {@link AwsProblem}: credentials trouble is Denied, throttling Throttled. */
    public static CoreException fromProblem(String service, String operation, AwsProblem problem) {
        return switch (problem.kind()) {
            case ACCESS_DENIED, NO_CREDENTIALS, EXPIRED_CREDENTIALS, INVALID_CREDENTIALS ->
                new CoreException.Denied(operation, problem.getMessage(), problem);
            case THROTTLED -> new CoreException.Throttled(operation, problem);
            default -> new CoreException.Unavailable(service, problem.getMessage(), problem);
        };
    }
}
