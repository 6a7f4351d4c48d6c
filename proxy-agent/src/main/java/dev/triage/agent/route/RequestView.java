package dev.triage.agent.route;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as conditions see it, with the parts that need parsing (host, normalised path, query
 * parameters, client address) computed at most once per request and only when a condition asks.
 */
final class RequestView {

    private static final byte[] UNPARSABLE = new byte[0];

    final ProxyRequest request;
    private String host;
    private boolean hostDone;
    private String matchPath;
    private List<QueryParam> params;
    private byte[] address;

    RequestView(ProxyRequest request) {
        this.request = request;
    }

    /** The Host header without its port, or null when absent. */
    String host() {
        if (!hostDone) {
            host = hostWithoutPort(firstHeader(request.headers(), "host"));
            hostDone = true;
        }
        return host;
    }

    String matchPath() {
        if (matchPath == null) {
            matchPath = UrlText.normalizePath(request.path());
        }
        return matchPath;
    }

    List<QueryParam> queryParams() {
        if (params == null) {
            params = parseQuery(request.query());
        }
        return params;
    }

    /** The client address as 4 or 16 bytes (IPv4-mapped IPv6 as IPv4), or null when unparsable. */
    byte[] clientAddress() {
        if (address == null) {
            address = parseAddress(request.clientAddress());
        }
        return address == UNPARSABLE ? null : address;
    }

    static String firstHeader(Headers headers, String name) {
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    static String hostWithoutPort(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static List<QueryParam> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<QueryParam> result = new ArrayList<>(4);
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            if (end > start) {
                String part = query.substring(start, end);
                int eq = part.indexOf('=');
                result.add(
                        eq < 0
                                ? new QueryParam(UrlText.decodeQueryComponent(part), null)
                                : new QueryParam(
                                        UrlText.decodeQueryComponent(part.substring(0, eq)),
                                        UrlText.decodeQueryComponent(part.substring(eq + 1))));
            }
            start = end + 1;
        }
        return result;
    }

    static byte[] parseAddress(String text) {
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // ofLiteral already turns an IPv4-mapped IPv6 literal into an Inet4Address
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return UNPARSABLE;
        }
    }

    /** A decoded query parameter; {@code value} is null for a bare "?flag". */
    record QueryParam(String key, String value) {}
}
