/**
 * Where and as whom core talks to AWS: a profile (or the default credential chain), a region and an
 * optional endpoint override.
 *
 * <p>{@link dev.triage.core.aws.context.AwsContext} is the entry point: it builds SDK clients that use the
 * profile's credentials (SSO profiles included), the resolved region, the SDK's standard endpoint settings
 * ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, a profile's {@code endpoint_url}), the
 * url-connection HTTP client and the standard retry strategy. {@link dev.triage.core.aws.context.Profiles}
 * lists the profiles of the shared config and credentials files. Failures surface as
 * {@link dev.triage.core.aws.context.AwsProblem} with a message a person can act on.
 */
package dev.triage.core.aws.context;
