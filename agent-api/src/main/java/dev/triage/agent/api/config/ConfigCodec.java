package dev.triage.agent.api.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON form of an {@link AgentConfig}: field names are the record components' names, omitted
 * fields take the records' defaults, unknown fields and values of the wrong type are errors.
 *
 * <p>{@code read} parses and validates, and reports every problem in one {@link
 * InvalidConfigException}: first every unknown field and wrong type; when there are none, every
 * validation problem. {@code parse} only parses. Malformed JSON stops reading where it is found.
 */
public final class ConfigCodec {

    private static final ObjectMapper MAPPER = mapper(false);
    private static final ObjectMapper CANONICAL = mapper(true);
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter COMPACT = CANONICAL.writer();

    private ConfigCodec() {}

    /** Parses and validates the JSON text {@code json}. */
    public static AgentConfig read(String json) {
        return validated(parse(json));
    }

    /** Parses and validates the file at {@code path}; IOException only when it cannot be read. */
    public static AgentConfig read(Path path) throws IOException {
        return validated(parse(path));
    }

    /** Parses and validates a JSON document from {@code in} (not closed). */
    public static AgentConfig read(InputStream in) throws IOException {
        return validated(parse(in));
    }

    /** Parses the JSON text {@code json} without validating it. */
    public static AgentConfig parse(String json) {
        requireNonNull(json, "json");
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the file at {@code path} without validating it. */
    public static AgentConfig parse(Path path) throws IOException {
        requireNonNull(path, "path");
        return parse(Files.readAllBytes(path));
    }

    /** Parses a JSON document from {@code in} (read to its end, not closed) without validating it. */
    public static AgentConfig parse(InputStream in) throws IOException {
        requireNonNull(in, "in");
        return parse(in.readAllBytes());
    }

    /** Pretty-printed JSON that {@link #read(String)} turns back into an equal config. */
    public static String write(AgentConfig config) {
        requireNonNull(config, "config");
        try {
            return PRETTY.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be written as JSON", e);
        }
    }

    /**
     * SHA-256 (lower-case hex) of the config's canonical JSON: properties sorted by name, absent
     * parts omitted, defaults applied, no white space. Equal configs have equal hashes.
     */
    public static String hash(AgentConfig config) {
        requireNonNull(config, "config");
        try {
            byte[] canonical = COMPACT.writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The canonical JSON that {@link #hash} digests, as UTF-8 text. */
    public static String canonicalJson(AgentConfig config) {
        requireNonNull(config, "config");
        try {
            return new String(COMPACT.writeValueAsBytes(config), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be written as JSON", e);
        }
    }

    private static AgentConfig validated(AgentConfig config) {
        List<ConfigError> errors = ConfigValidator.validate(config);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return config;
    }

    private static AgentConfig parse(byte[] json) {
        List<ConfigError> errors = JsonShape.check(MAPPER.getFactory(), json, AgentConfig.class);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        try {
            return MAPPER.readValue(json, AgentConfig.class);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of(JsonShape.fromBinding(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    private static ObjectMapper mapper(boolean canonical) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, canonical)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(RetryPolicy.class, RetryPolicyJson.class)
                .build();
        // An empty list reads back as the empty list it was, so it is left out; retryOn is the
        // exception: omitted means the default conditions, [] means none.
        mapper.configOverride(List.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        return mapper;
    }

    private abstract static class RetryPolicyJson {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract List<String> retryOn();
    }
}
