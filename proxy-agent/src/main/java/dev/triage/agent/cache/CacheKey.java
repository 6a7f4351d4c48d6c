package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a stored response is found by. The principal is a SHA-256 of the Authorization value (never
 * the value), or null when the response is shared.
 *
 * @param resource the normalized path the write index files this key under
 */
record CacheKey(String method, String host, String path, String query, String principal, String resource) {

    /** A rough count of the bytes a key holds, for the cache's weigher. */
    int weight() {
        return 64
                + 2
                        * (method.length()
                                + host.length()
                                + path.length()
                                + (query == null ? 0 : query.length())
                                + (principal == null ? 0 : principal.length())
                                + resource.length());
    }

    static CacheKey of(ProxyRequest request, boolean shareAcrossPrincipals) {
        String host = request.headers().first("host").orElse("").toLowerCase(Locale.ROOT);
        String principal = null;
        if (!shareAcrossPrincipals) {
            List<String> authorization = request.headers().all("authorization");
            if (!authorization.isEmpty()) {
                principal = sha256(String.join("\n", authorization));
            }
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
