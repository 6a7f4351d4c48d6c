package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests of secret values (the CDN's secret header), so the audit journal and the rotation
 * state can record and compare a secret without holding it: {@code "hmac-sha256:<64 hex>"}, an
 * HMAC-SHA256 of the value under a random 32-byte key kept beside the journal in {@code
 * <journal>.key}, created on first use with owner-only permissions (0600 where the file system is
 * POSIX). A keyed digest rather than a salted hash: a short secret cannot be guessed offline from
 * the journal alone, and the same value always gives the same digest within one journal, which is
 * what drift checks, undo and recover compare. Losing the key file only means digests written
 * before no longer match live values (undo then reports drift; nothing is ever applied blind).
 */
public final class SecretDigests {

    /** How a digest starts; a value that starts so is never digested again. */
    public static final String PREFIX = "hmac-sha256:";

    private static final int KEY_BYTES = 32;

    private final Path keyFile;
    private volatile byte[] key;

    SecretDigests(Path keyFile) {
        this.keyFile = requireNonNull(keyFile, "keyFile");
    }

    /** The digests of the journal at {@code journalFile}, keyed by {@code journalFile + ".key"}. */
    public static SecretDigests beside(Path journalFile) {
        requireNonNull(journalFile, "journalFile");
        return new SecretDigests(journalFile.resolveSibling(journalFile.getFileName() + ".key"));
    }

    public Path keyFile() {
        return keyFile;
    }

    /** {@code "hmac-sha256:<hex>"} of {@code value}; a digest is returned as it is. */
    public String digest(String value) {
        requireNonNull(value, "value");
        if (isDigest(value)) {
            return value;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code value} is a digest (as written by {@link #digest}), not a secret. */
    public static boolean isDigest(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() == PREFIX.length() + 64;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrCreate() {
        try {
            if (Files.exists(keyFile)) {
                return read();
            }
            Path parent = keyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(
                        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.writeString(temp, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, keyFile);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return read();
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the journal key " + keyFile, e);
        }
    }

    private byte[] read() throws IOException {
        String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        try {
            byte[] k = HexFormat.of().parseHex(hex);
            if (k.length < 16) {
                throw new IllegalStateException(
                        "journal key " + keyFile + ": " + k.length + " bytes (expected: at least 16)");
            }
            return k;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("journal key " + keyFile + ": not hex (expected: the key triage wrote)", e);
        }
    }
}
