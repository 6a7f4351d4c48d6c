package dev.triage.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.connection.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void remembersCdnRangesPerPlaceTheLabAndEachAwsProfile() throws Exception {
        Connection.Place embedded = new Connection.Place(Connection.Place.Kind.LAB, "Lab", "lb", "embedded");
        Connection.Place attached = new Connection.Place(Connection.Place.Kind.LAB, "Lab", "lb", "lab:/srv/lab.json");
        Connection.Place prodEu =
                new Connection.Place(Connection.Place.Kind.AWS, "1 / eu-west-1", "me", "aws:prod@eu-west-1");
        Connection.Place prodUs = new Connection.Place(Connection.Place.Kind.AWS, "1 / us-east-1", "me", "aws:prod");
        Connection.Place staging = new Connection.Place(Connection.Place.Kind.AWS, "2", "me", "aws:staging");
        assertThat(Settings.placeKey(embedded))
                .isEqualTo(Settings.placeKey(attached))
                .isEqualTo("lab");
        assertThat(Settings.placeKey(prodEu))
                .isEqualTo(Settings.placeKey(prodUs))
                .isEqualTo("aws.prod");

        Settings settings = Settings.load(home);
        settings.cdnRanges("lab", List.of("127.0.0.8/29", "127.0.0.16/28"));
        settings.cdnRanges(Settings.placeKey(prodEu), List.of("130.176.0.0/17", "2600:9000::/28"));
        settings.cdnRanges(Settings.placeKey(staging), List.of("10.0.0.0/8"));
        settings.cdnRanges(Settings.placeKey(staging), List.of());
        settings.save();

        Settings again = Settings.load(home);
        assertThat(again.cdnRanges("lab")).isEqualTo("127.0.0.8/29, 127.0.0.16/28");
        assertThat(again.cdnRanges(Settings.placeKey(prodUs))).isEqualTo("130.176.0.0/17, 2600:9000::/28");
        assertThat(again.cdnRanges(Settings.placeKey(staging))).isEmpty();
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
