package dev.triage.agent.admin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin bearer token. Only its SHA-256 digest is kept; presented tokens are digested and compared
 * with {@link MessageDigest#isEqual}, so the comparison takes the same time wherever they differ and
 * whatever their lengths. {@link #toString()} never shows it.
 */
public final class AdminToken {

    /** The environment variable the CLI reads when no token file is given. */
    public static final String ENVIRONMENT_VARIABLE = "TRIAGE_AGENT_TOKEN";

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** A token from its text (surrounding white space removed). */
    public static AdminToken of(String token) {
        requireNonNull(token, "token");
        String stripped = token.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("token: empty (expected: at least one non-blank character)");
        }
        return new AdminToken(sha256(stripped));
    }

    /** A token from a file: its whole text, surrounding white space (a trailing newline) removed. */
    public static AdminToken fromFile(Path file) throws IOException {
        requireNonNull(file, "file");
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "token-file: " + file + " is empty (expected: a file holding the admin token)");
        }
        return new AdminToken(sha256(text));
    }

    /** True when the Authorization header value is {@code Bearer <this token>}. */
    boolean acceptsAuthorization(String authorization) {
        if (authorization == null || authorization.length() < 7) {
            return false;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
