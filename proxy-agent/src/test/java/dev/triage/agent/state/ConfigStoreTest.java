package dev.triage.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigCodec;
import dev.triage.agent.api.config.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path dir;

    private static AgentConfig config(String version) {
        Listener listener =
                new Listener("main", "HTTP", "127.0.0.1", 8080, List.of(), Action.fixed(200, "text/plain", version));
        return new AgentConfig(version, List.of(listener), List.of(), null, null);
    }

    @Test
    void anEmptyDirectoryHoldsNoConfig() throws Exception {
        ConfigStore store = ConfigStore.open(dir.resolve("fresh"));

        assertThat(store.current()).isEmpty();
        assertThat(store.previous()).isEmpty();
        assertThat(dir.resolve("fresh")).isDirectory();
    }

    @Test
    void savedConfigsReadBackEqualFromANewStore() throws Exception {
        ConfigStore.open(dir).save(config("v2"), config("v1"));

        ConfigStore reopened = ConfigStore.open(dir);

        assertThat(reopened.current()).contains(config("v2"));
        assertThat(reopened.previous()).contains(config("v1"));
        assertThat(ConfigCodec.read(dir.resolve(ConfigStore.CURRENT))).isEqualTo(config("v2"));
    }

    @Test
    void savingWithoutAPreviousKeepsTheOneOnDisk() throws Exception {
        ConfigStore store = ConfigStore.open(dir);
        store.save(config("v2"), config("v1"));

        store.save(config("v3"), null);

        assertThat(store.current()).contains(config("v3"));
        assertThat(store.previous()).contains(config("v1"));
    }

    @Test
    void aSaveLeavesNoTempFilesBehind() throws Exception {
        ConfigStore store = ConfigStore.open(dir);
        for (int i = 0; i < 5; i++) {
            store.save(config("v" + (i + 1)), config("v" + i));
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder(ConfigStore.CURRENT, ConfigStore.PREVIOUS);
        }
    }

    @Test
    void aTornTempFileFromACrashIsRemovedAndTheCurrentConfigStillReads() throws Exception {
        ConfigStore.open(dir).save(config("v1"), null);
        Path torn = dir.resolve(ConfigStore.CURRENT + ".12345" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(torn, "{\"version\": \"v2\", \"listen");

        ConfigStore reopened = ConfigStore.open(dir);

        assertThat(torn).doesNotExist();
        assertThat(reopened.current()).contains(config("v1"));
    }

    @Test
    void anInvalidOrUnreadableFileReadsAsAbsent() throws Exception {
        Files.writeString(dir.resolve(ConfigStore.CURRENT), "{\"version\": \"x\", \"listeners\": 3}");
        Files.writeString(dir.resolve(ConfigStore.PREVIOUS), "not json");

        ConfigStore store = ConfigStore.open(dir);

        assertThat(store.current()).isEmpty();
        assertThat(store.previous()).isEmpty();
    }
}
