package dev.triage.agent.route;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ALB redirect compiled into literal and placeholder segments per URL part. Unset parts keep the
 * request's: protocol "#{protocol}", host "#{host}", port "#{port}", path "/#{path}", query
 * "#{query}". {@code #{path}} is the original path without its leading '/'; {@code #{protocol}} is
 * the listener's protocol and {@code #{port}} the listener's port. As an ALB does, the Location
 * always carries the port.
 */
final class LocationTemplate {

    private static final List<String> PLACEHOLDERS =
            List.of("#{protocol}", "#{host}", "#{port}", "#{path}", "#{query}");

    private enum Placeholder {
        PROTOCOL,
        HOST,
        PORT,
        PATH,
        QUERY
    }

    /** A literal (placeholder null) or a placeholder. */
    private record Segment(String literal, Placeholder placeholder) {}

    private final Segment[] protocol;
    private final Segment[] host;
    private final Segment[] port;
    private final Segment[] path;
    private final Segment[] query;
    private final int statusCode;
    private final String listenerProtocol;
    private final String listenerPort;
    private final String description;
    private final boolean usesHost;

    private LocationTemplate(
            Segment[] protocol,
            Segment[] host,
            Segment[] port,
            Segment[] path,
            Segment[] query,
            int statusCode,
            String listenerProtocol,
            int listenerPort,
            String description) {
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.statusCode = statusCode;
        this.listenerProtocol = listenerProtocol;
        this.listenerPort = Integer.toString(listenerPort);
        this.description = description;
        this.usesHost = uses(Placeholder.HOST, protocol, host, port, path, query);
    }

    static LocationTemplate compile(Action.Redirect redirect, String field, String listenerProtocol, int listenerPort) {
        if (redirect == null) {
            throw new IllegalArgumentException(field + ".redirect: null (expected: a redirect for a redirect action)");
        }
        String f = field + ".redirect";
        if (redirect.statusCode() != 301 && redirect.statusCode() != 302) {
            throw new IllegalArgumentException(f + ".statusCode: " + redirect.statusCode() + " (expected: 301 or 302)");
        }
        String protocolText = orDefault(redirect.protocol(), "#{protocol}");
        Segment[] protocol = parse(protocolText, f + ".protocol");
        if (isLiteral(protocol) && !isHttpOrHttps(protocolText)) {
            throw new IllegalArgumentException(
                    f + ".protocol: '" + protocolText + "' (expected: HTTP, HTTPS or" + " #{protocol})");
        }
        String portText = orDefault(redirect.port(), "#{port}");
        Segment[] port = parse(portText, f + ".port");
        if (isLiteral(port) && !isPort(portText)) {
            throw new IllegalArgumentException(f + ".port: '" + portText + "' (expected: 1..65535 or #{port})");
        }
        String pathText = orDefault(redirect.path(), "/#{path}");
        if (!pathText.startsWith("/")) {
            throw new IllegalArgumentException(f + ".path: '" + pathText + "' (expected: starts with '/')");
        }
        String hostText = orDefault(redirect.host(), "#{host}");
        String queryText = orDefault(redirect.query(), "#{query}");
        String description = redirect.statusCode() + " " + protocolText.toLowerCase(Locale.ROOT) + "://" + hostText
                + ":" + portText + pathText + (queryText.isEmpty() ? "" : "?" + queryText);
        return new LocationTemplate(
                protocol,
                parse(hostText, f + ".host"),
                port,
                parse(pathText, f + ".path"),
                parse(queryText, f + ".query"),
                redirect.statusCode(),
                listenerProtocol,
                listenerPort,
                description);
    }

    ProxyResponse respond(ProxyRequest request) {
        String requestHost = null;
        if (usesHost) {
            requestHost = RequestView.hostWithoutPort(RequestView.firstHeader(request.headers(), "host"));
            if (requestHost == null || !isHostName(requestHost)) {
                return ProxyResponse.error(
                        400, "bad_request", "this route redirects using the Host header, which is missing or invalid");
            }
        }
        StringBuilder location = new StringBuilder(64);
        int schemeStart = location.length();
        expand(protocol, request, requestHost, location);
        String scheme = location.substring(schemeStart).toLowerCase(Locale.ROOT);
        location.setLength(schemeStart);
        location.append(scheme).append("://");
        expand(host, request, requestHost, location);
        location.append(':');
        expand(port, request, requestHost, location);
        expand(path, request, requestHost, location);
        int queryStart = location.length();
        location.append('?');
        expand(query, request, requestHost, location);
        if (location.length() == queryStart + 1) {
            location.setLength(queryStart);
        }
        return new ProxyResponse(statusCode, Headers.of("Location", location.toString()), null);
    }

    int statusCode() {
        return statusCode;
    }

    private void expand(Segment[] segments, ProxyRequest request, String requestHost, StringBuilder out) {
        for (Segment segment : segments) {
            if (segment.placeholder() == null) {
                out.append(segment.literal());
                continue;
            }
            switch (segment.placeholder()) {
                case PROTOCOL -> out.append(listenerProtocol);
                case HOST -> out.append(requestHost);
                case PORT -> out.append(listenerPort);
                case PATH ->
                    out.append(
                            request.path(),
                            request.path().startsWith("/") ? 1 : 0,
                            request.path().length());
                case QUERY -> out.append(request.query() == null ? "" : request.query());
            }
        }
    }

    private static boolean uses(Placeholder placeholder, Segment[]... parts) {
        for (Segment[] part : parts) {
            for (Segment segment : part) {
                if (segment.placeholder() == placeholder) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Segment[] parse(String text, String field) {
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int open = text.indexOf("#{", start);
            if (open < 0) {
                segments.add(new Segment(text.substring(start), null));
                break;
            }
            if (open > start) {
                segments.add(new Segment(text.substring(start, open), null));
            }
            int close = text.indexOf('}', open);
            String token = close < 0 ? text.substring(open) : text.substring(open, close + 1);
            int known = PLACEHOLDERS.indexOf(token);
            if (known < 0) {
                throw new IllegalArgumentException(field + ": '" + text + "' has unknown placeholder " + token
                        + " (expected: one of " + PLACEHOLDERS + ")");
            }
            segments.add(new Segment(null, Placeholder.values()[known]));
            start = close + 1;
        }
        return segments.toArray(Segment[]::new);
    }

    private static boolean isLiteral(Segment[] segments) {
        for (Segment segment : segments) {
            if (segment.placeholder() != null) {
                return false;
            }
        }
        return true;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static boolean isHttpOrHttps(String protocol) {
        return protocol.equalsIgnoreCase("HTTP") || protocol.equalsIgnoreCase("HTTPS");
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }

    /** A DNS name, IPv4 literal or bracketed IPv6 literal: nothing that could reshape the URL. */
    private static boolean isHostName(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_'
                    || c == '['
                    || c == ']'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return description;
    }
}
