package dev.triage.core.aws.cloudwatch;

import dev.triage.core.aws.context.AdapterErrors;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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
        return AdapterErrors.call(
                context,
                SERVICE,
                operation,
                call,
                e -> known(code(e)),
                e -> translate(operation, subject, e),
                e -> AdapterErrors.client(SERVICE, operation, e));
    }

    private static boolean known(String code) {
        return code != null
                && (INVALID.contains(code) || code.equals("LimitExceeded") || code.equals("ResourceNotFound"));
    }

    /** The error code without namespace ({@code ...#}) and without an {@code Exception} suffix. */
    static String code(AwsServiceException e) {
        String code = AdapterErrors.code(e);
        if (code == null) {
            return null;
        }
        code = code.substring(code.lastIndexOf('#') + 1);
        return code.endsWith("Exception") ? code.substring(0, code.length() - "Exception".length()) : code;
    }

    static CoreException translate(String operation, String subject, AwsServiceException e) {
        String code = code(e);
        String detail = AdapterErrors.detail(e);
        String what = subject == null ? operation : operation + " " + subject;
        if (code == null) {
            return AdapterErrors.withoutCode(SERVICE, operation, e);
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
        return AdapterErrors.otherwise(SERVICE, operation, code, e);
    }
}
