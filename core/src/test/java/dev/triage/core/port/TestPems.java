package dev.triage.core.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test certificates and keys (core/src/test/resources/dev/triage/core/aws/acm): shop.crt with shop.key (RSA
 * 2048, also as shop-pkcs1.key and shop-encrypted.key), ca.crt (its issuer), api-ec.crt with api-ec.key, other.key.
 */
public final class TestPems {

    private static final String FOLDER = "/dev/triage/core/aws/acm/";

    private TestPems() {}

    /** One of them, as text. */
    public static String pem(String name) {
        try (InputStream in = TestPems.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of them, written to {@code dir} under its own name (for what reads files). */
    public static Path file(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), pem(name), StandardCharsets.US_ASCII);
    }
}
