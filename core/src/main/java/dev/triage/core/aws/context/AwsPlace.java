package dev.triage.core.aws.context;

import java.net.URI;

/**
 * Where core talks to AWS.
 *
 * @param profile a profile of the shared config files, or {@code null} for the SDK's default credential chain
 * @param region an explicit region, or {@code null} to take the profile's, else the SDK's region chain
 * @param endpointOverride an explicit endpoint for every client, or {@code null} to let the SDK resolve it
 *     (which honours AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_&lt;SERVICE&gt; and a profile's endpoint_url)
 */
public record AwsPlace(String profile, String region, URI endpointOverride) {

    public AwsPlace {
        if (profile != null && profile.isBlank()) {
            throw new IllegalArgumentException("profile: '" + profile + "' (expected: a profile name or null)");
        }
        if (region != null && !region.matches("[a-z0-9][a-z0-9-]*[a-z0-9]")) {
            throw new IllegalArgumentException("region: '" + region + "' (expected: a region code like eu-west-1)");
        }
        if (endpointOverride != null) {
            String scheme = endpointOverride.getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme)) || endpointOverride.getHost() == null) {
                throw new IllegalArgumentException(
                        "endpointOverride: " + endpointOverride + " (expected: an absolute http or https URI)");
            }
        }
    }

    /** The default credential chain, region chain and endpoint settings. */
    public static AwsPlace defaults() {
        return new AwsPlace(null, null, null);
    }

    public static AwsPlace profile(String profile) {
        return new AwsPlace(profile, null, null);
    }

    public AwsPlace withRegion(String newRegion) {
        return new AwsPlace(profile, newRegion, endpointOverride);
    }

    public AwsPlace withEndpointOverride(URI newEndpoint) {
        return new AwsPlace(profile, region, newEndpoint);
    }

    /** The profile for messages: its name, or "the default credential chain". */
    String describeProfile() {
        return profile == null ? "the default credential chain" : "profile " + profile;
    }
}
