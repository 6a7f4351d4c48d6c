package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The banner's colour for an AWS profile: the same colour for the same name on every run, red for
 * names that look like production, and never red otherwise (red means production).
 */
final class ProfileColours {

    static final String PRODUCTION = "#b3261e";

    private static final Pattern PRODUCTION_NAME = Pattern.compile("(^|[^a-z])(prod|production|prd|live)([^a-z]|$)");

    private ProfileColours() {}

    static boolean looksLikeProduction(String profile) {
        return PRODUCTION_NAME.matcher(profile.toLowerCase(Locale.ROOT)).find();
    }

    /** A CSS colour (#rrggbb) for the profile: red for production-like names, else a stable non-red hue. */
    static String of(String profile) {
        requireNonNull(profile, "profile");
        if (looksLikeProduction(profile)) {
            return PRODUCTION;
        }
        int hue = 40 + Math.floorMod(profile.hashCode(), 280); // 40..319: clear of the reds
        return hex(hue, 0.55, 0.42);
    }

    private static String hex(int hue, double saturation, double brightness) {
        double c = brightness * saturation;
        double x = c * (1 - Math.abs((hue / 60.0) % 2 - 1));
        double m = brightness - c;
        double[] rgb = switch (hue / 60) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round((rgb[0] + m) * 255),
                Math.round((rgb[1] + m) * 255),
                Math.round((rgb[2] + m) * 255));
    }
}
