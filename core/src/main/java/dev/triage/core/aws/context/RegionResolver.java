package dev.triage.core.aws.context;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/** Region resolution: the explicit region, else the named profile's, else the SDK's region chain. */
final class RegionResolver {

    private RegionResolver() {}

    static Region resolve(AwsPlace place, ProfileFile profileFile, AwsRegionProvider chain) {
        if (place.region() != null) {
            return Region.of(place.region());
        }
        if (place.profile() != null) {
            var fromProfile = profileFile
                    .profile(place.profile())
                    .flatMap(p -> p.property(ProfileProperty.REGION))
                    .map(String::strip)
                    .filter(r -> !r.isEmpty());
            if (fromProfile.isPresent()) {
                return Region.of(fromProfile.get());
            }
        }
        try {
            Region region = chain.getRegion();
            if (region != null) {
                return region;
            }
        } catch (SdkClientException e) {
            throw noRegion(place, e);
        }
        throw noRegion(place, null);
    }

    private static AwsProblem noRegion(AwsPlace place, Throwable cause) {
        String profileHint = place.profile() == null
                ? "a `region` in the default profile of ~/.aws/config"
                : "`region = ...` under [profile " + place.profile() + "] in ~/.aws/config";
        return new AwsProblem(
                AwsProblem.Kind.NO_REGION,
                "no AWS region for " + place.describeProfile() + ": pass --region, set AWS_REGION, or add "
                        + profileHint,
                cause);
    }
}
