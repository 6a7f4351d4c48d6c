package dev.triage.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.connection.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void remembersTheWindowAndTheLastConnection() throws Exception {
        Settings settings = Settings.load(home);
        settings.window(1600, 1000, false);
        settings.lastConnection("lab:/srv/lab.json");
        settings.save();

        Settings again = Settings.load(home);
        assertThat(again.width()).isEqualTo(1600);
        assertThat(again.height()).isEqualTo(1000);
        assertThat(again.maximized()).isFalse();
        assertThat(again.lastConnection()).contains("lab:/srv/lab.json");
        assertThat(Files.readString(home.resolve(Settings.FILE))).doesNotContainIgnoringCase("token");
    }

    @Test
    void aMissingOrDamagedFileGivesTheDefaults() throws Exception {
        assertThat(Settings.load(home).width()).isEqualTo(Settings.DEFAULT_WIDTH);

        Files.writeString(home.resolve(Settings.FILE), "window.width=-3\nwindow.height=tall\n");
        Settings damaged = Settings.load(home);
        assertThat(damaged.width()).isEqualTo(Settings.DEFAULT_WIDTH);
        assertThat(damaged.height()).isEqualTo(Settings.DEFAULT_HEIGHT);
        assertThat(damaged.lastConnection()).isEmpty();
    }

    @Test
    void remembersTheOverviewsLoadBalancerPerProfileAsItsArnOnly() throws Exception {
        String shop = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
        String api = "arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer/app/api/7f00aa11bb22cc33";
        Settings settings = Settings.load(home);
        settings.overviewSource("prod", shop);
        settings.overviewSource("staging", api);
        settings.overviewSource("staging", shop);
        settings.save();

        Settings again = Settings.load(home);
        assertThat(again.overviewSource("prod")).contains(shop);
        assertThat(again.overviewSource("staging")).contains(shop);
        assertThat(again.overviewSource("dev")).isEmpty();
        assertThat(Files.readAllLines(home.resolve(Settings.FILE)))
                .filteredOn(line -> line.startsWith(Settings.LOAD_BALANCER))
                .containsExactlyInAnyOrder(
                        Settings.LOAD_BALANCER + "prod=" + shop.replace(":", "\\:"),
                        Settings.LOAD_BALANCER + "staging=" + shop.replace(":", "\\:"));
    }

    @Test
    void theAwsProfileOfAPlaceIsWhatItsLoadBalancerIsRememberedUnder() {
        assertThat(MainWindow.awsProfile(new Connection.Place(
                        Connection.Place.Kind.AWS, "123456789012 / us-east-1", "", "aws:prod@us-east-1")))
                .contains("prod");
        assertThat(MainWindow.awsProfile(
                        new Connection.Place(Connection.Place.Kind.AWS, "123456789012 / eu-west-1", "", "aws:qa")))
                .contains("qa");
        assertThat(MainWindow.awsProfile(
                        new Connection.Place(Connection.Place.Kind.LAB, "Lab (embedded)", "", "embedded")))
                .isEmpty();
    }
}
