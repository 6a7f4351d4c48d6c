package dev.triage.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * CIDR blocks, IPv4 and IPv6, and the test whether an address lies in one. Text is parsed as a literal only: no name
 * is ever looked up (an IPv4 literal is parsed here, an IPv6 one by the JDK, which never resolves text holding ':').
 */
final class IpRanges {

    private final List<Block> blocks;

    private IpRanges(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses every block; the problems of those that are not CIDR blocks are added to {@code problems}. */
    static IpRanges parse(List<String> cidrs, List<String> problems) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            Block block = cidr == null ? null : Block.parse(cidr.strip());
            if (block == null) {
                problems.add("cdnRanges: '" + cidr + "' (expected: a CIDR block such as 130.176.0.0/17 or"
                        + " 2600:9000::/28)");
            } else {
                blocks.add(block);
            }
        }
        return new IpRanges(blocks);
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} (from {@link #address}) lies in a block; false for null. */
    boolean contains(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The address bytes of an IP literal (4 for IPv4 and IPv4-mapped IPv6, 16 for IPv6), or null. */
    static byte[] address(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The block holding exactly this address: /32 or /128. */
    static String hostBlock(String ip) {
        byte[] address = address(ip);
        return ip + (address != null && address.length == 16 ? "/128" : "/32");
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            int slash = text.indexOf('/');
            if (slash <= 0 || slash == text.length() - 1) {
                return null;
            }
            byte[] network = address(text.substring(0, slash));
            String bits = text.substring(slash + 1);
            if (network == null || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int prefix = Integer.parseInt(bits);
            boolean mapped = network.length == 4 && text.indexOf(':') >= 0;
            if (mapped) {
                prefix -= 96; // ::ffff:a.b.c.d/120 is a.b.c.d/24
            }
            if (prefix < 0 || prefix > network.length * 8) {
                return null;
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
