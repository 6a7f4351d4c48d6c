package dev.triage.core.domain;

import java.util.List;
import java.util.regex.Pattern;

/** source-ip condition: the client's address (not X-Forwarded-For) is in any of the CIDR blocks. */
public record SourceIp(List<String> cidrs) implements Condition {

    private static final Pattern IPV4_CIDR =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*/(\\d{1,3})");

    public SourceIp {
        Validation v = Validation.of("source-ip condition");
        ConditionValues.check(v, "source-ip", cidrs, MAX_VALUE_LENGTH);
        if (cidrs != null) {
            for (String cidr : cidrs) {
                if (cidr != null && !cidr.isBlank()) {
                    v.check(
                            isCidr(cidr),
                            "source-ip value: '" + cidr + "' (expected: a CIDR block such as 10.0.0.0/8)");
                }
            }
        }
        v.throwIfInvalid();
        cidrs = List.copyOf(cidrs);
    }

    public static SourceIp of(String... cidrs) {
        return new SourceIp(List.of(cidrs));
    }

    private static boolean isCidr(String text) {
        var v4 = IPV4_CIDR.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        var v6 = IPV6_CIDR.matcher(text);
        return v6.matches() && Integer.parseInt(v6.group(1)) <= 128;
    }

    @Override
    public String field() {
        return "source-ip";
    }

    @Override
    public int valueCount() {
        return cidrs.size();
    }

    @Override
    public String describe() {
        return "source is in " + String.join(" or ", cidrs);
    }
}
