package dev.triage.agent.api.config;

import java.net.Inet6Address;
import java.util.regex.Pattern;

/** Lexical checks shared by the validator: tokens, methods, IP literals and CIDR blocks. */
final class Syntax {

    /** RFC 9110 token (header names). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** ALB method names: upper case letters, hyphen and underscore, at most 40 characters. */
    private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1,40}");

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private Syntax() {}

    static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }

    static boolean isMethod(String value) {
        return value != null && METHOD.matcher(value).matches();
    }

    /** A literal IPv4 (dotted quad) or IPv6 address; never resolves a name. */
    static boolean isIpLiteral(String value) {
        return isIpv4(value) || isIpv6(value);
    }

    static boolean isIpv4(String value) {
        return value != null && IPV4.matcher(value).matches();
    }

    static boolean isIpv6(String value) {
        if (value == null
                || value.indexOf(':') < 0
                || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            return Inet6Address.ofLiteral(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An IPv4 block like {@code 10.0.0.0/8} or an IPv6 block like {@code 2001:db8::/32}. */
    static boolean isCidr(String value) {
        if (value == null) {
            return false;
        }
        int slash = value.indexOf('/');
        if (slash < 0 || !PREFIX.matcher(value.substring(slash + 1)).matches()) {
            return false;
        }
        String address = value.substring(0, slash);
        int prefix = Integer.parseInt(value.substring(slash + 1));
        if (isIpv4(address)) {
            return prefix <= 32;
        }
        return isIpv6(address) && prefix <= 128;
    }
}
