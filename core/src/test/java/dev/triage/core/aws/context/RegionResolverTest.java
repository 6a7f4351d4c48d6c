package dev.triage.core.aws.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

class RegionResolverTest {

    private static final AwsRegionProvider CHAIN = () -> Region.AP_SOUTH_1;
    private static final AwsRegionProvider EMPTY_CHAIN = () -> {
        throw SdkClientException.create("Unable to load region from any of the providers in the chain");
    };

    @TempDir
    Path dir;

    private ProfileFile file() {
        return ProfileFiles.of(dir, """
                [profile with-region]
                region = eu-central-1

                [profile without-region]
                output = json
                """, "");
    }

    @Test
    void explicitRegionWinsOverProfileAndChain() {
        var place = new AwsPlace("with-region", "us-east-2", null);

        assertThat(RegionResolver.resolve(place, file(), CHAIN)).isEqualTo(Region.US_EAST_2);
    }

    @Test
    void profileRegionWinsOverChain() {
        var place = AwsPlace.profile("with-region");

        assertThat(RegionResolver.resolve(place, file(), CHAIN)).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void chainAnswersWhenTheProfileHasNoRegion() {
        var place = AwsPlace.profile("without-region");

        assertThat(RegionResolver.resolve(place, file(), CHAIN)).isEqualTo(Region.AP_SOUTH_1);
    }

    @Test
    void chainAnswersForTheDefaultCredentialChain() {
        assertThat(RegionResolver.resolve(AwsPlace.defaults(), file(), CHAIN)).isEqualTo(Region.AP_SOUTH_1);
    }

    @Test
    void noRegionAnywhereSaysWhatToSet() {
        var place = AwsPlace.profile("without-region");

        assertThatThrownBy(() -> RegionResolver.resolve(place, file(), EMPTY_CHAIN))
                .isInstanceOfSatisfying(
                        AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.NO_REGION))
                .hasMessageContaining("no AWS region for profile without-region")
                .hasMessageContaining("--region")
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining("[profile without-region]");
    }

    @Test
    void chainReturningNullIsNoRegion() {
        assertThatThrownBy(() -> RegionResolver.resolve(AwsPlace.defaults(), file(), () -> null))
                .isInstanceOfSatisfying(
                        AwsProblem.class, p -> assertThat(p.kind()).isEqualTo(AwsProblem.Kind.NO_REGION))
                .hasMessageContaining("the default credential chain");
    }
}
