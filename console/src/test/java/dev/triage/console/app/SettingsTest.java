package dev.triage.console.app;

import static org.assertj.core.api.Assertions.assertThat;

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
}
