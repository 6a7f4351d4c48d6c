package dev.triage.core.aws.context;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * One profile of the shared config and credentials files.
 *
 * @param name the profile's name
 * @param region its {@code region}, or {@code null}
 * @param sso whether it signs in with IAM Identity Center ({@code sso_session} or {@code sso_start_url})
 * @param endpointUrl its {@code endpoint_url}, or {@code null}
 */
public record ProfileSummary(String name, String region, boolean sso, URI endpointUrl) {

    public ProfileSummary {
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
        }
    }

    public Optional<String> regionIfSet() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpointUrlIfSet() {
        return Optional.ofNullable(endpointUrl);
    }
}
