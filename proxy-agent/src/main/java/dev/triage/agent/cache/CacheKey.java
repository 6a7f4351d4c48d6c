package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a stored response is found by.
 *
 * @param principal whose copy it is: a SHA-256 of the Authorization value (never the value) on a
 *     route that does not share across principals; {@link #AUTHENTICATED} for the copy shared by
 *     requests with Authorization (served only to credentials {@link Principals} vouches for);
 *     {@link #ANONYMOUS} for requests without Authorization. The two shared copies never mix.
 * @param resource the normalized path the write index files this key under
 */
record CacheKey(String method, String host, String path, String query, String principal, String resource) {

    static final String ANONYMOUS = "anon";
    static final String AUTHENTICATED = "auth";

    /** Whether the key holds one credential's copy (private and Set-Cookie answers may be stored). */
    boolean perPrincipal() {
        return !principal.equals(ANONYMOUS) && !principal.equals(AUTHENTICATED);
    }

    /** Whether the key holds the copy shared by requests with Authorization. */
    boolean sharedAuthenticated() {
        return principal.equals(AUTHENTICATED);
    }

    /** A rough count of the bytes a key holds, for the cache's weigher. */
    int weight() {
        return 64
                + 2
                        * (method.length()
                                + host.length()
                                + path.length()
                                + (query == null ? 0 : query.length())
                                + principal.length()
                                + resource.length());
    }

    static CacheKey of(ProxyRequest request, boolean shareAcrossPrincipals) {
        String host = request.headers().first("host").orElse("").toLowerCase(Locale.ROOT);
        List<String> authorization = request.headers().all("authorization");
        String principal;
        if (authorization.isEmpty()) {
            principal = ANONYMOUS;
        } else if (shareAcrossPrincipals) {
            principal = AUTHENTICATED;
        } else {
            principal = sha256(String.join("\n", authorization));
        }
        return new CacheKey(
                request.method(),
                host,
                request.path(),
                request.query(),
                principal,
                Resources.normalize(request.path()));
    }

    static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
