package dev.triage.core.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file whole or not at all, readable by its owner only: the new content goes to a temp file beside it
 * (created 0600 where the file system has POSIX permissions), is forced to disk, renamed over the file (atomically
 * where the file system can), and the directory is forced so the rename survives a crash. A failure leaves the file
 * as it was and removes the temp file. For the journal's rewrite, the state files and the console's settings.
 */
public final class AtomicFiles {

    /** Forces a channel's writes to disk; tests may count the calls. */
    @FunctionalInterface
    public interface Force {
        void force(FileChannel channel) throws IOException;

        Force DISK = channel -> channel.force(true);
    }

    private AtomicFiles() {}

    /** Replaces {@code file} with {@code content}, creating its directory when missing. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, Force.DISK);
    }

    /** As {@link #replace(Path, byte[])}, forcing the temp file with {@code force}. */
    public static void replace(Path file, byte[] content, Force force) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(content, "content");
        requireNonNull(force, "force");
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            if (Files.getFileStore(directory == null ? file.toAbsolutePath() : directory)
                    .supportsFileAttributeView("posix")) {
                Files.createFile(
                        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                force.force(channel);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the file itself is untouched; only the temp file may be left
            }
            throw e;
        }
        if (directory != null) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some file systems cannot open a directory; the rename is done either way
            }
        }
    }
}
