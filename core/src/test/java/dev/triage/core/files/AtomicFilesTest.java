package dev.triage.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileForcedToDiskAndReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("state/requirements.json");
        AtomicInteger forced = new AtomicInteger();

        AtomicFiles.replace(file, bytes("first"), channel -> {
            forced.incrementAndGet();
            channel.force(true);
        });
        AtomicFiles.replace(file, bytes("second, longer"));

        assertThat(Files.readString(file)).isEqualTo("second, longer");
        assertThat(forced).hasValue(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("state")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aFailureBeforeTheRenameLeavesTheFileAsItWasAndNoTempFile() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "the old content");

        assertThatThrownBy(() -> AtomicFiles.replace(file, bytes("new"), channel -> {
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("the old content");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
