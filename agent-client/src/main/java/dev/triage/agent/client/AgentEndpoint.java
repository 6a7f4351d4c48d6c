package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * One agent's admin listener and the bearer token it accepts. The token is held as a private copy
 * and never printed: {@link #toString()} shows {@code token=<redacted>}, and no exception of this
 * client quotes it.
 */
public final class AgentEndpoint {

    private final String name;
    private final URI adminUri;
    private final char[] token;
    private final String address;
    private final String basePath;

    /**
     * @param name how people call this agent (used in every message about it)
     * @param adminUri the admin listener, for example {@code http://127.0.0.1:9901}; a path is kept
     *     as a prefix in front of {@code /admin/...}
     * @param token the bearer token (copied; the caller may wipe its array afterwards)
     */
    public AgentEndpoint(String name, URI adminUri, char[] token) {
        requireNonNull(name, "name");
        requireNonNull(adminUri, "adminUri");
        requireNonNull(token, "token");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: a non-blank agent name)");
        }
        String scheme = adminUri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || adminUri.getHost() == null) {
            throw new IllegalArgumentException(
                    "adminUri: " + safe(adminUri) + " (expected: an http or https URI with a host)");
        }
        if (adminUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("adminUri: " + safe(adminUri)
                    + " with user info (expected: no user info; the token goes in the token argument)");
        }
        if (token.length == 0) {
            throw new IllegalArgumentException("token: empty (expected: a non-empty bearer token)");
        }
        for (char c : token) {
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(
                        "token: contains a space, control or non-ASCII character (expected: visible ASCII only)");
            }
        }
        this.name = name;
        this.adminUri = adminUri;
        this.token = token.clone();
        int port = adminUri.getPort() != -1 ? adminUri.getPort() : scheme.equalsIgnoreCase("https") ? 443 : 80;
        this.address = adminUri.getHost() + ":" + port;
        String path = adminUri.getRawPath() == null ? "" : adminUri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Same as the {@code char[]} constructor. */
    public AgentEndpoint(String name, URI adminUri, String token) {
        this(name, adminUri, requireNonNull(token, "token").toCharArray());
    }

    public String name() {
        return name;
    }

    public URI adminUri() {
        return adminUri;
    }

    /** {@code host:port} of the admin listener, as the messages about this agent name it. */
    public String address() {
        return address;
    }

    /** The URI of an admin path such as {@code /admin/status}. */
    URI resolve(String path) {
        return URI.create(adminUri.getScheme() + "://" + adminUri.getRawAuthority() + basePath + path);
    }

    /**
     * Applies {@code inspection} to a copy of the token, wiped when it returns: for checks such as the token's
     * strength, which must neither keep nor print it.
     */
    public <T> T inspectToken(Function<char[], T> inspection) {
        requireNonNull(inspection, "inspection");
        char[] copy = token.clone();
        try {
            return inspection.apply(copy);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /** The value of the Authorization header. */
    String authorization() {
        return "Bearer " + new String(token);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentEndpoint that
                && name.equals(that.name)
                && adminUri.equals(that.adminUri)
                && Arrays.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, adminUri);
    }

    @Override
    public String toString() {
        return "AgentEndpoint[name=" + name + ", adminUri=" + adminUri + ", token=<redacted>]";
    }

    private static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
