package dev.triage.console.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * AWS's published address ranges ({@code ip-ranges.json}): the CloudFront entries ({@code "service": "CLOUDFRONT"}),
 * IPv4 from {@code prefixes[].ip_prefix} and IPv6 from {@code ipv6_prefixes[].ipv6_prefix}. Blocking: read it off
 * the UI thread.
 */
final class AwsIpRanges {

    static final String SERVICE = "CLOUDFRONT";

    /** The file is bigger than any ip-ranges.json AWS has published (about 2 MB today) by a wide margin. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsIpRanges() {}

    /**
     * The CloudFront blocks of the file, IPv4 first, without repeats.
     *
     * @throws IllegalArgumentException with a message for the user when the file cannot be read, is not an
     *     ip-ranges.json or holds no CloudFront block
     */
    static List<String> cloudFront(Path file) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(
                        name + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB (expected: AWS's ip-ranges.json)");
            }
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    name + ": not JSON (expected: AWS's ip-ranges.json): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !(root.has("prefixes") || root.has("ipv6_prefixes"))) {
            throw new IllegalArgumentException(
                    name + ": no 'prefixes' or 'ipv6_prefixes' (expected: AWS's ip-ranges.json)");
        }
        Set<String> blocks = new LinkedHashSet<>();
        collect(root.path("prefixes"), "ip_prefix", blocks);
        collect(root.path("ipv6_prefixes"), "ipv6_prefix", blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(name + ": no " + SERVICE + " ranges in it");
        }
        return new ArrayList<>(blocks);
    }

    private static void collect(JsonNode entries, String field, Set<String> into) {
        for (JsonNode entry : entries) {
            if (SERVICE.equals(entry.path("service").asText())
                    && entry.path(field).isTextual()) {
                into.add(entry.get(field).asText().strip());
            }
        }
    }
}
