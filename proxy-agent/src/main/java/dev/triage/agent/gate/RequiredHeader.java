package dev.triage.agent.gate;

import dev.triage.agent.api.config.GatePolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * A header that must carry one of several secrets (several during a rotation). Values are compared
 * as SHA-256 digests with {@link MessageDigest#isEqual}, against every accepted value, so timing
 * reveals neither the secrets' lengths nor which one matched. Refusals never echo a value.
 */
final class RequiredHeader {

    private final String name;
    private final byte[][] acceptedDigests;
    private final Optional<ProxyResponse> missing;
    private final Optional<ProxyResponse> wrong;

    private RequiredHeader(String name, byte[][] acceptedDigests) {
        this.name = name;
        this.acceptedDigests = acceptedDigests;
        this.missing =
                Optional.of(ProxyResponse.error(403, "forbidden", "this route requires the " + name + " header"));
        this.wrong = Optional.of(ProxyResponse.error(
                403, "forbidden", "the " + name + " header does not carry a value this route accepts"));
    }

    static RequiredHeader compile(GatePolicy.RequiredHeader config) {
        if (config.name() == null || config.name().isBlank()) {
            throw new IllegalArgumentException(
                    "requiredHeader.name: '" + config.name() + "' (expected: a header name)");
        }
        List<String> values = config.values();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("requiredHeader.values: empty (expected: at least one accepted value)");
        }
        byte[][] digests = new byte[values.size()][];
        for (int i = 0; i < digests.length; i++) {
            if (values.get(i) == null || values.get(i).isEmpty()) {
                // the value itself is never put in a message
                throw new IllegalArgumentException("requiredHeader.values[" + i + "]: empty (expected: a secret)");
            }
            digests[i] = digest(values.get(i));
        }
        return new RequiredHeader(config.name(), digests);
    }

    String name() {
        return name;
    }

    Optional<ProxyResponse> check(Headers headers) {
        boolean present = false;
        boolean accepted = false;
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                present = true;
                byte[] presented = digest(field.value());
                for (byte[] candidate : acceptedDigests) {
                    accepted |= MessageDigest.isEqual(presented, candidate);
                }
            }
        }
        if (!present) {
            return missing;
        }
        return accepted ? Optional.empty() : wrong;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + acceptedDigests.length + " accepted values)";
    }
}
