package dev.triage.agent.detect;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.net.InetAddress;
import java.util.List;

/**
 * Who sent a request. Without trusted proxies: the connection's peer, always (X-Forwarded-For is
 * whatever the client wrote). With them: when the peer is a trusted proxy, the right-most
 * X-Forwarded-For hop that is not one (proxies append the address they received from, so that hop is
 * the client the first trusted proxy saw; hops left of it may be forged); the peer otherwise.
 */
final class SourceAddress {

    static final SourceAddress PEER_ONLY = new SourceAddress(new Block[0]);

    /** More hops than this are not walked (a forged header can be long). */
    static final int MAX_HOPS = 20;

    private final Block[] trusted;

    private SourceAddress(Block[] trusted) {
        this.trusted = trusted;
    }

    /**
     * @throws IllegalArgumentException naming the entry when one is neither an address nor a CIDR block
     */
    static SourceAddress of(List<String> trustedProxies) {
        if (trustedProxies.isEmpty()) {
            return PEER_ONLY;
        }
        Block[] blocks = new Block[trustedProxies.size()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Block.parse(trustedProxies.get(i), "detection.trustedProxies[" + i + "]");
        }
        return new SourceAddress(blocks);
    }

    String of(ProxyRequest request) {
        String peer = request.clientAddress();
        if (trusted.length == 0 || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = joinedForwardedFor(request.headers());
        if (forwarded == null) {
            return peer;
        }
        int end = forwarded.length();
        String lastHop = null;
        for (int hops = 0; hops < MAX_HOPS && end > 0; hops++) {
            int comma = forwarded.lastIndexOf(',', end - 1);
            String hop = forwarded.substring(comma + 1, end).strip();
            end = comma < 0 ? 0 : comma;
            if (hop.isEmpty()) {
                continue;
            }
            byte[] hopBytes = addressBytes(hop);
            if (hopBytes == null) {
                // not an address: nothing to its left can be trusted either
                return lastHop != null ? lastHop : peer;
            }
            lastHop = hop;
            if (!isTrusted(hopBytes)) {
                return hop;
            }
        }
        return lastHop != null ? lastHop : peer;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = addressBytes(address);
        return bytes != null && isTrusted(bytes);
    }

    private boolean isTrusted(byte[] bytes) {
        for (Block block : trusted) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static String joinedForwardedFor(Headers headers) {
        String joined = null;
        for (Headers.Field field : headers.fields()) {
            if (field.name().equalsIgnoreCase("x-forwarded-for")) {
                joined = joined == null ? field.value() : joined + "," + field.value();
            }
        }
        return joined;
    }

    /** 4 or 16 bytes (IPv4-mapped IPv6 as IPv4), or null when the text is not an address literal. */
    static byte[] addressBytes(String text) {
        String literal = text.strip();
        if (literal.startsWith("[")) {
            int close = literal.indexOf(']');
            literal = close < 0 ? literal : literal.substring(1, close);
        } else if (literal.indexOf(':') == literal.lastIndexOf(':') && literal.indexOf(':') > 0) {
            // IPv4 with a port
            literal = literal.substring(0, literal.indexOf(':'));
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.isEmpty() || literal.length() > 45) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    /** An address block, masked once. */
    record Block(byte[] network, int prefixLength) {

        static Block parse(String text, String field) {
            if (text == null) {
                throw new IllegalArgumentException(field + ": null (expected: an IP address or CIDR block)");
            }
            int slash = text.indexOf('/');
            byte[] address = addressBytes(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(
                        field + ": '" + text + "' (expected: an IP address or CIDR block such as 10.0.0.0/8)");
            }
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            field + ": '" + text + "' (expected: a prefix length 0.." + bits + ")");
                }
            }
            byte[] masked = address.clone();
            for (int bit = prefix; bit < bits; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new Block(masked, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & 0xff);
        }
    }
}
