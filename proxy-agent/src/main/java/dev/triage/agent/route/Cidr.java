package dev.triage.agent.route;

/** An IPv4 or IPv6 CIDR block, masked once at compile time. */
record Cidr(String source, byte[] network, int prefixLength) {

    /** Parses "10.0.0.0/8" or "2001:db8::/32"; a bare address is a block of one. */
    static Cidr parse(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + ": null (expected: a CIDR block such as 10.0.0.0/8)");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = RequestView.parseAddress(addressText);
        boolean literalIsV6 = addressText.indexOf(':') >= 0;
        if (address.length == 0 || (literalIsV6 && address.length == 4)) {
            // IPv4-mapped IPv6 blocks are not supported: write them as IPv4.
            throw new IllegalArgumentException(
                    field + ": '" + text + "' (expected: a CIDR block such as 10.0.0.0/8" + " or 2001:db8::/32)");
        }
        int maxBits = address.length * 8;
        int prefix = maxBits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxBits) {
                throw new IllegalArgumentException(field + ": '" + text + "' has prefix length "
                        + text.substring(slash + 1) + " (expected: 0.." + maxBits + ")");
            }
        }
        return new Cidr(text, mask(address, prefix), prefix);
    }

    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int byteMask = 0xff << (8 - restBits) & 0xff;
        return (address[fullBytes] & byteMask) == (network[fullBytes] & 0xff);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public String toString() {
        return source;
    }
}
