package dev.triage.console.security;

import dev.triage.core.domain.CoreException;
import dev.triage.core.security.DetectorSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CDN's address ranges as the user types them: CIDR blocks (IPv4 and IPv6) separated by commas, spaces or new
 * lines. Each block is checked by core's detector settings, so what passes here is what the scan accepts.
 *
 * @param ranges the blocks in the order given, without repeats (empty when {@code problem} is set)
 * @param problem why the text is not a list of blocks, naming the first bad entry; null when it is
 */
record CdnRanges(List<String> ranges, String problem) {

    static final String EXPECTED = "a CIDR block such as 130.176.0.0/17 or 2600:9000::/28";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final DetectorSettings BASE = DetectorSettings.defaults();

    CdnRanges {
        ranges = List.copyOf(ranges);
    }

    /** Reads the text; blank text is no ranges (the check is then off). */
    static CdnRanges parse(String text) {
        Set<String> ranges = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return new CdnRanges(List.of(), null);
        }
        String[] entries = SEPARATORS.split(text.strip());
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            String problem = problem(entry);
            if (problem != null) {
                return new CdnRanges(
                        List.of(),
                        "Entry " + (i + 1) + " of " + entries.length + ", '" + shorten(entry) + "': " + problem);
            }
            ranges.add(entry);
        }
        return new CdnRanges(new ArrayList<>(ranges), null);
    }

    boolean valid() {
        return problem == null;
    }

    /** The ranges as the settings store them and the text field shows them. */
    String text() {
        return String.join(", ", ranges);
    }

    private static String problem(String entry) {
        if (entry.indexOf('/') < 0) {
            boolean v6 = entry.indexOf(':') >= 0;
            String host = entry + (v6 ? "/128" : "/32");
            return accepted(host)
                    ? "an address without a prefix length (expected: " + EXPECTED + "; for this one address: " + host
                            + ")"
                    : "not an IP address or CIDR block (expected: " + EXPECTED + ")";
        }
        return accepted(entry)
                ? null
                : "not a CIDR block (expected: " + EXPECTED + ", prefix /0../32 for IPv4, /0../128" + " for IPv6)";
    }

    private static boolean accepted(String block) {
        try {
            BASE.withCdnRanges(List.of(block));
            return true;
        } catch (CoreException.Invalid e) {
            return false;
        }
    }

    private static String shorten(String entry) {
        return entry.length() <= 60 ? entry : entry.substring(0, 57) + "...";
    }
}
