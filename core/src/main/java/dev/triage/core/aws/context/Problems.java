package dev.triage.core.aws.context;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/** Turns SDK exceptions into {@link AwsProblem}s whose messages say what to do. */
final class Problems {

    private static final Set<String> ACCESS_DENIED =
            Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
    private static final Set<String> EXPIRED =
            Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "UnauthorizedException");
    private static final Set<String> INVALID = Set.of(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "AuthFailure",
            "IncompleteSignature",
            "InvalidAccessKeyId");

    private final AwsPlace place;
    private final Region region;
    private final boolean ssoProfile;

    Problems(AwsPlace place, Region region, boolean ssoProfile) {
        this.place = place;
        this.region = region;
        this.ssoProfile = ssoProfile;
    }

    AwsProblem translate(String service, String operation, SdkException e) {
        if (e instanceof AwsServiceException service_) {
            return fromService(service, operation, service_);
        }
        return fromClient(service, operation, e);
    }

    private AwsProblem fromService(String service, String operation, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String detail = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        String call = service + " " + operation;
        if (code != null && ACCESS_DENIED.contains(code)) {
            return new AwsProblem(
                    AwsProblem.Kind.ACCESS_DENIED,
                    "access denied: " + call + " is not allowed for " + place.describeProfile() + " (" + detail
                            + "); ask for the permission or use another profile",
                    e);
        }
        if (code != null && EXPIRED.contains(code)) {
            return new AwsProblem(
                    AwsProblem.Kind.EXPIRED_CREDENTIALS,
                    "the AWS credentials of " + place.describeProfile() + " have expired: " + loginHint(),
                    e);
        }
        if (code != null && INVALID.contains(code)) {
            return new AwsProblem(
                    AwsProblem.Kind.INVALID_CREDENTIALS,
                    "AWS rejected the credentials of " + place.describeProfile() + " (" + code + ": " + detail + "): "
                            + loginHint(),
                    e);
        }
        if (e.isThrottlingException()) {
            return new AwsProblem(
                    AwsProblem.Kind.THROTTLED,
                    "AWS is throttling " + call + " (still throttled after retries): try again in a minute",
                    e);
        }
        return new AwsProblem(
                AwsProblem.Kind.SERVICE_ERROR,
                call + " failed: " + code + " (HTTP " + e.statusCode() + "): " + detail,
                e);
    }

    private AwsProblem fromClient(String service, String operation, SdkException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("sso") && (lower.contains("expired") || lower.contains("invalid"))
                || lower.contains("token is expired")
                || lower.contains("unable to load sso token")) {
            return new AwsProblem(
                    AwsProblem.Kind.EXPIRED_CREDENTIALS,
                    "the SSO session of " + place.describeProfile() + " has expired or is missing: " + loginHint(),
                    e);
        }
        if (lower.contains("unable to load credentials")
                || lower.contains("no credentials")
                || lower.contains("unable to load profile credentials")) {
            return new AwsProblem(
                    AwsProblem.Kind.NO_CREDENTIALS,
                    "no AWS credentials for " + place.describeProfile() + ": " + loginHint(),
                    e);
        }
        if (lower.contains("invalid region")) {
            return unknownRegion(e);
        }
        UnknownHostException unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null
                && place.endpointOverride() == null
                && !Region.regions().contains(region)) {
            return unknownRegion(e);
        }
        if (unknownHost != null
                || cause(e, ConnectException.class) != null
                || cause(e, SocketTimeoutException.class) != null) {
            Throwable root = unknownHost != null ? unknownHost : rootCause(e);
            return new AwsProblem(
                    AwsProblem.Kind.UNREACHABLE,
                    "cannot reach " + service + " " + where() + " ("
                            + root.getClass().getSimpleName() + ": "
                            + root.getMessage() + "): check the network and the endpoint (--endpoint, "
                            + "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT)
                            + " or the profile's endpoint_url)",
                    e);
        }
        return new AwsProblem(AwsProblem.Kind.CLIENT_ERROR, service + " " + operation + " failed: " + message, e);
    }

    private AwsProblem unknownRegion(Throwable e) {
        return new AwsProblem(
                AwsProblem.Kind.UNKNOWN_REGION,
                "unknown AWS region '" + region.id() + "': use a region code like eu-west-1 (--region, AWS_REGION or "
                        + "the profile's region)",
                e);
    }

    private String where() {
        if (place.endpointOverride() != null) {
            return "at " + place.endpointOverride();
        }
        return "in region " + region.id();
    }

    String loginHint() {
        if (place.profile() == null) {
            return "pass --profile or set AWS_PROFILE, run `aws sso login` or `aws configure`, "
                    + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        }
        String login = "run `aws sso login --profile " + place.profile() + "`";
        if (ssoProfile) {
            return login;
        }
        return login + " or `aws configure --profile " + place.profile() + "`, or add its keys to ~/.aws/credentials";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
            root = root.getCause();
        }
        return root;
    }
}
