package dev.triage.core.aws.acm;

import dev.triage.core.aws.context.AdapterErrors;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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
        return AdapterErrors.call(
                context,
                SERVICE,
                operation,
                call,
                e -> known(AdapterErrors.code(e)),
                e -> translate(operation, certificateArn, e),
                e -> AdapterErrors.client(SERVICE, operation, e));
    }

    private static boolean known(String code) {
        return code != null && (KNOWN.contains(code) || INVALID.contains(code) || CONFLICT.contains(code));
    }

    static CoreException translate(String operation, String certificateArn, AwsServiceException e) {
        String code = AdapterErrors.code(e);
        String detail = AdapterErrors.detail(e);
        String subject = certificateArn == null ? operation : operation + " " + certificateArn;
        if (code == null) {
            return AdapterErrors.withoutCode(SERVICE, operation, e);
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
        return AdapterErrors.otherwise(SERVICE, operation, code, e);
    }
}
