package dev.triage.core.aws.context;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/** The profiles of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
public final class Profiles {

    private Profiles() {}

    /** The profiles of the default shared files, which honour AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
    public static List<ProfileSummary> list() {
        return list(ProfileFile.defaultProfileFile());
    }

    /** The profiles of the given profile file (config and credentials aggregated, sorted by name). */
    public static List<ProfileSummary> list(ProfileFile profileFile) {
        requireNonNull(profileFile, "profileFile");
        return profileFile.profiles().values().stream()
                .map(Profiles::summarize)
                .sorted(Comparator.comparing(ProfileSummary::name))
                .toList();
    }

    static ProfileSummary summarize(Profile profile) {
        String region = profile.property(ProfileProperty.REGION).orElse(null);
        boolean sso = profile.property("sso_session").isPresent()
                || profile.property(ProfileProperty.SSO_START_URL).isPresent();
        URI endpoint = profile.property(ProfileProperty.ENDPOINT_URL)
                .map(url -> endpointUrl(profile.name(), url))
                .orElse(null);
        return new ProfileSummary(profile.name(), region, sso, endpoint);
    }

    private static URI endpointUrl(String profile, String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "endpoint_url of profile " + profile + ": '" + url + "' (expected: a URL)", e);
        }
    }
}
