package dev.triage.core.aws.elbv2;

import dev.triage.core.aws.context.AdapterErrors;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Runs ELBv2 calls and turns their failures into {@link CoreException}s a person understands. */
final class Elbv2Errors {

    static final String SERVICE = "ELBv2";

    /** Quota and limit codes, with the limit they hit in words. */
    private static final Map<String, String> LIMITS = Map.ofEntries(
            Map.entry(
                    "TooManyRules",
                    "rules: the load balancer's rule quota is reached (expected: at most 100 rules per load balancer,"
                            + " default rules not counted, unless the quota was raised)"),
            Map.entry(
                    "TooManyTargetGroups",
                    "target groups: the target group quota is reached (expected: at most "
                            + "5 target groups per forward action and 3000 target groups per region)"),
            Map.entry(
                    "TooManyUniqueTargetGroupsPerLoadBalancer",
                    "target groups: the load balancer routes to too many target groups (expected: at most 100 unique"
                            + " target groups per load balancer)"),
            Map.entry(
                    "TooManyActions",
                    "actions: too many actions (expected: one forward, redirect or fixed-response per rule, after at"
                            + " most one authenticate action)"),
            Map.entry(
                    "TooManyCertificates",
                    "certificates: too many (expected: at most 25 certificates per listener, the default excluded)"),
            Map.entry("TooManyListeners", "listeners: too many (expected: at most 50 listeners per load balancer)"),
            Map.entry(
                    "TargetGroupAssociationLimit",
                    "target group: it is already used by too many load balancers (expected: at most 5)"));

    /** Codes that mean the request itself was wrong: AWS changed nothing. */
    private static final List<String> INVALID = List.of(
            "ValidationError",
            "InvalidConfigurationRequest",
            "InvalidLoadBalancerAction",
            "IncompatibleProtocols",
            "UnsupportedProtocol",
            "OperationNotPermitted",
            "SSLPolicyNotFound",
            "CertificateNotFound",
            "InvalidParameterValue",
            "InvalidParameterCombination",
            "MissingParameter");

    private static final Map<String, String> NOT_FOUND = Map.of(
            "RuleNotFound", "rule",
            "ListenerNotFound", "listener",
            "LoadBalancerNotFound", "load balancer",
            "TargetGroupNotFound", "target group");

    private final AwsContext context;

    /** @param context for the generic translation (credentials, network, throttling), or null (fakes in tests) */
    Elbv2Errors(AwsContext context) {
        this.context = context;
    }

    /**
     * Runs {@code call}.
     *
     * @param operation the ELBv2 operation, e.g. ModifyRule
     * @param subject what the call is about, for messages ("rule arn:...")
     * @param subjectKind the kind of resource the call names ("rule", "listener", ...), so that its NotFound
     *     names the ARN; a missing resource of another kind named in a write (a target group in an action) is
     *     Invalid
     * @param subjectId the ARN the call names
     */
    <T> T call(String operation, String subjectKind, String subjectId, Supplier<T> call) {
        return AdapterErrors.call(
                context,
                SERVICE,
                operation,
                call,
                e -> known(AdapterErrors.code(e)),
                e -> translate(operation, subjectKind, subjectId, e),
                e -> AdapterErrors.client(SERVICE, operation, e));
    }

    private static boolean known(String code) {
        return code != null
                && (LIMITS.containsKey(code)
                        || INVALID.contains(code)
                        || NOT_FOUND.containsKey(code)
                        || code.equals("PriorityInUse")
                        || code.equals("DuplicateListener")
                        || code.equals("ResourceInUse"));
    }

    static CoreException translate(String operation, String subjectKind, String subjectId, AwsServiceException e) {
        String code = AdapterErrors.code(e);
        String detail = AdapterErrors.detail(e);
        if (code == null) {
            return AdapterErrors.withoutCode(SERVICE, operation, e);
        }
        if (code.equals("PriorityInUse")) {
            return new CoreException.Conflict(
                    operation + ": the priority is already used by another rule of the listener (" + detail
                            + "); choose a free priority or move that rule first",
                    e);
        }
        if (code.equals("DuplicateListener")) {
            return new CoreException.Conflict(
                    operation + ": the load balancer already has a listener on that port (" + detail + ")", e);
        }
        if (code.equals("ResourceInUse")) {
            return new CoreException.Conflict(operation + ": the resource is in use (" + detail + ")", e);
        }
        String kind = NOT_FOUND.get(code);
        if (kind != null) {
            if (kind.equals(subjectKind) && subjectId != null) {
                return new CoreException.NotFound(kind, subjectId, e);
            }
            if (subjectKind == null || operation.startsWith("Describe")) {
                return new CoreException.NotFound(kind, detail, e);
            }
            return new CoreException.Invalid(
                    operation + " " + subjectId, List.of(kind + ": does not exist (" + detail + ")"), e);
        }
        String limit = LIMITS.get(code);
        if (limit != null) {
            return new CoreException.Invalid(
                    operation + " " + subjectId, List.of(limit + " [" + code + ": " + detail + "]"), e);
        }
        if (INVALID.contains(code)) {
            return new CoreException.Invalid(operation + " " + subjectId, List.of(code + ": " + detail), e);
        }
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")) {
            return new CoreException.Denied(operation, detail, e);
        }
        return AdapterErrors.otherwise(SERVICE, operation, code, e);
    }
}
