package dev.triage.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.connection.AwsChoice;
import dev.triage.console.connection.WritePolicy;
import dev.triage.core.aws.context.ProfileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS profile dialog's ViewModel, without JavaFX running. */
class AwsProfileModelTest {

    private static final ProfileSummary DEV = new ProfileSummary("dev", "eu-west-1", false, null);
    private static final ProfileSummary PROD = new ProfileSummary("prod", "eu-central-1", true, null);
    private static final ProfileSummary BARE = new ProfileSummary("bare", null, true, null);

    @TempDir
    Path home;

    @Test
    void listsProfilesWithSsoMarkedAndSelectsTheLastOneUsed() {
        AwsProfileModel model = new AwsProfileModel(Settings.load(home));

        model.profiles(List.of(BARE, DEV, PROD), "prod");

        assertThat(model.profiles()).containsExactly(BARE, DEV, PROD);
        assertThat(AwsProfileModel.label(PROD)).isEqualTo("prod (SSO, eu-central-1)");
        assertThat(AwsProfileModel.label(DEV)).isEqualTo("dev (eu-west-1)");
        assertThat(AwsProfileModel.label(BARE)).isEqualTo("bare (SSO)");
        assertThat(model.selectedProperty().get()).isEqualTo(PROD);
        assertThat(model.regionProperty().get()).isEqualTo("eu-central-1");
        assertThat(model.modeProperty().get()).isEqualTo(WritePolicy.Mode.NORMAL);
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void remembersEachProfilesModeAndRegionButNoCredentials() throws Exception {
        Settings settings = Settings.load(home);
        AwsProfileModel model = new AwsProfileModel(settings);
        model.profiles(List.of(DEV, PROD), null);
        model.selectedProperty().set(PROD);
        model.modeProperty().set(WritePolicy.Mode.PROTECTED);
        model.regionProperty().set("us-east-1");

        AwsChoice choice = model.choose();
        settings.save();

        assertThat(choice).isEqualTo(new AwsChoice("prod", "us-east-1", WritePolicy.Mode.PROTECTED, null));
        AwsProfileModel again = new AwsProfileModel(Settings.load(home));
        again.profiles(List.of(DEV, PROD), "prod");
        assertThat(again.modeProperty().get()).isEqualTo(WritePolicy.Mode.PROTECTED);
        assertThat(again.regionProperty().get()).isEqualTo("us-east-1");
        again.selectedProperty().set(DEV);
        assertThat(again.modeProperty().get()).isEqualTo(WritePolicy.Mode.NORMAL);
        assertThat(again.regionProperty().get()).isEqualTo("eu-west-1");
        String file = Files.readString(home.resolve(Settings.FILE));
        assertThat(file).contains("aws.mode.prod=protected").doesNotContainIgnoringCase("secret");
    }

    @Test
    void aProfileWithoutARegionNeedsOneTypedAndABadRegionIsNamed() {
        AwsProfileModel model = new AwsProfileModel(Settings.load(home));
        model.profiles(List.of(BARE), null);

        assertThat(model.problemProperty().get())
                .isEqualTo("region: none (expected: a region code like eu-west-1; the profile has none)");
        assertThat(model.choose()).isNull();
        model.regionProperty().set("Frankfurt!");
        assertThat(model.problemProperty().get())
                .isEqualTo("region: 'Frankfurt!' (expected: a region code like eu-west-1)");
        model.regionProperty().set("eu-central-1");
        model.agentsProperty().set("fleet.json");
        assertThat(model.choose())
                .isEqualTo(new AwsChoice("bare", "eu-central-1", WritePolicy.Mode.NORMAL, Path.of("fleet.json")));
    }

    @Test
    void noProfilesSaysHowToMakeOne() {
        AwsProfileModel model = new AwsProfileModel(Settings.load(home));
        model.profiles(List.of(), null);
        assertThat(model.problemProperty().get()).contains("aws configure sso");
    }

    @Test
    void aDamagedModeEntryLeavesTheProfileProtectedNotWritable() throws Exception {
        Files.writeString(home.resolve(Settings.FILE), "aws.mode.prod=yolo\n");
        assertThat(Settings.load(home).mode("prod")).isEqualTo(WritePolicy.Mode.PROTECTED);
        assertThat(Settings.load(home).mode("other")).isEqualTo(WritePolicy.Mode.NORMAL);
    }

    @Test
    void bannerColoursAreStablePerProfileAndRedOnlyForProductionLikeNames() {
        assertThat(ProfileColours.of("prod")).isEqualTo(ProfileColours.PRODUCTION);
        assertThat(ProfileColours.of("shop-production")).isEqualTo(ProfileColours.PRODUCTION);
        assertThat(ProfileColours.of("PRD_eu")).isEqualTo(ProfileColours.PRODUCTION);
        assertThat(ProfileColours.of("product-team")).isNotEqualTo(ProfileColours.PRODUCTION);
        assertThat(ProfileColours.of("dev")).isEqualTo(ProfileColours.of("dev")).matches("#[0-9a-f]{6}");
        assertThat(ProfileColours.of("dev")).isNotEqualTo(ProfileColours.of("staging"));
        for (String name : List.of("dev", "staging", "qa", "sandbox", "alice", "ops-tools")) {
            int rgb = Integer.parseInt(ProfileColours.of(name).substring(1), 16);
            int red = rgb >> 16;
            int green = (rgb >> 8) & 0xff;
            int blue = rgb & 0xff;
            assertThat(red > 2 * Math.max(green, blue)).as(name + " is not red").isFalse();
        }
    }
}
