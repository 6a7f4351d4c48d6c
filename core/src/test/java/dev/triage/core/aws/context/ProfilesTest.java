package dev.triage.core.aws.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

    @TempDir
    Path dir;

    @Test
    void listsProfilesOfConfigAndCredentialsSortedByName() {
        var file = ProfileFiles.of(dir, """
                [default]
                region = eu-west-1

                [profile prod]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                region = us-east-1

                [profile legacy-sso]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 123456789012
                sso_role_name = Admin

                [profile local]
                region = us-west-2
                endpoint_url = http://127.0.0.1:4566

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """, """
                [keys-only]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);

        var profiles = Profiles.list(file);

        assertThat(profiles)
                .containsExactly(
                        new ProfileSummary("default", "eu-west-1", false, null),
                        new ProfileSummary("keys-only", null, false, null),
                        new ProfileSummary("legacy-sso", null, true, null),
                        new ProfileSummary("local", "us-west-2", false, URI.create("http://127.0.0.1:4566")),
                        new ProfileSummary("prod", "us-east-1", true, null));
    }

    @Test
    void mergesAProfileThatAppearsInBothFiles() {
        var file = ProfileFiles.of(dir, """
                [profile dev]
                region = ap-southeast-2
                """, """
                [dev]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);

        assertThat(Profiles.list(file)).containsExactly(new ProfileSummary("dev", "ap-southeast-2", false, null));
    }

    @Test
    void listsNothingForEmptyFiles() {
        assertThat(Profiles.list(ProfileFiles.of(dir, "", ""))).isEmpty();
    }

    @Test
    void rejectsAnEndpointUrlThatIsNoUrlNamingTheProfile() {
        var file = ProfileFiles.of(dir, """
                [profile broken]
                endpoint_url = http://bad host
                """, "");

        assertThatThrownBy(() -> Profiles.list(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint_url of profile broken")
                .hasMessageContaining("http://bad host");
    }
}
