package dev.triage.core.domain;

import java.util.Set;

/**
 * Redirect to a URL built from the request. Components may use ALB's reserved keywords
 * #{protocol}, #{host}, #{port}, #{path}, #{query}; ALB keeps unchanged what is not set.
 *
 * @param protocol HTTP, HTTPS or #{protocol}
 * @param host a host name or #{host}
 * @param port 1..65535 or #{port}
 * @param path a path starting with / (may use #{path})
 * @param query the query without its leading '?', possibly empty
 * @param statusCode 301 (permanent) or 302 (temporary)
 */
public record Redirect(String protocol, String host, String port, String path, String query, int statusCode)
        implements Action {

    public static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "#{protocol}");
    public static final int MAX_COMPONENT_LENGTH = 128;

    public Redirect {
        Validation v = Validation.of("redirect action");
        if (v.present("protocol", protocol, "HTTP, HTTPS or #{protocol}")) {
            v.check(
                    PROTOCOLS.contains(protocol),
                    "protocol: '" + protocol + "' (expected: HTTP, HTTPS or #{protocol})");
        }
        if (v.present("host", host, "a host name or #{host}")) {
            length(v, "host", host);
        }
        if (v.present("port", port, "1..65535 or #{port}") && !port.equals("#{port}")) {
            v.check(isPort(port), "port: '" + port + "' (expected: 1..65535 or #{port})");
        }
        if (v.present("path", path, "a path starting with /")) {
            v.check(path.startsWith("/"), "path: '" + path + "' (expected: a path starting with /)");
            length(v, "path", path);
        }
        if (query == null) {
            query = "#{query}";
        }
        v.check(!query.startsWith("?"), "query: '" + query + "' (expected: no leading '?')");
        length(v, "query", query);
        v.check(statusCode == 301 || statusCode == 302, "statusCode: " + statusCode + " (expected: 301 or 302)");
        if (v.ok()) {
            v.check(
                    !keepsAll(protocol, host, port, path),
                    "redirect: to #{protocol}://#{host}:#{port}/#{path} (expected: a change to at least one of"
                            + " protocol, host, port or path; otherwise the redirect loops)");
        }
        v.throwIfInvalid();
    }

    /** The usual HTTP-to-HTTPS redirect: same host, path and query on port 443, permanent. */
    public static Redirect toHttps() {
        return new Redirect("HTTPS", "#{host}", "443", "/#{path}", "#{query}", 301);
    }

    @Override
    public String type() {
        return "redirect";
    }

    @Override
    public String describe() {
        String q = query.isEmpty() ? "" : "?" + query;
        return "redirect " + statusCode + " to " + protocol.toLowerCase(java.util.Locale.ROOT) + "://" + host + ":"
                + port + path + q;
    }

    private static void length(Validation v, String name, String value) {
        v.check(
                value.length() <= MAX_COMPONENT_LENGTH,
                name + ": '" + value + "' has " + value.length() + " characters (expected: at most "
                        + MAX_COMPONENT_LENGTH + ")");
    }

    /** ALB refuses a redirect that keeps protocol, host, port and path: it would loop. */
    private static boolean keepsAll(String protocol, String host, String port, String path) {
        return protocol.equals("#{protocol}")
                && host.equals("#{host}")
                && port.equals("#{port}")
                && path.equals("/#{path}");
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }
}
