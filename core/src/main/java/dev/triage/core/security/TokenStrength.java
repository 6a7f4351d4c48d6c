package dev.triage.core.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How guessable a bearer token is, judged without keeping or printing it: its length, an entropy estimate (the
 * token's own character frequencies, so a long token made of few characters scores low), a repeated pattern, a run of
 * consecutive characters, and common words. Messages name what is wrong, never a character of the token.
 *
 * @param weakness why it is weak, or null when it is strong
 */
record TokenStrength(int length, int estimatedBits, String weakness) {

    /** Below this many estimated bits a token of the minimum length or more is still weak. */
    static final int MINIMUM_BITS = 96;

    private static final List<String> COMMON_WORDS = List.of(
            "password",
            "passwd",
            "changeme",
            "change-me",
            "secret",
            "admin",
            "token",
            "default",
            "example",
            "letmein",
            "qwerty",
            "123456",
            "abcdef",
            "triage",
            "test");

    boolean strong() {
        return weakness == null;
    }

    static TokenStrength measure(char[] token, int minimumLength) {
        int n = token.length;
        int bits = (int) Math.floor(entropyPerChar(token) * n);
        String weakness = null;
        if (n < minimumLength) {
            weakness = "it has " + n + " characters (expected: at least " + minimumLength + ")";
            return new TokenStrength(n, bits, weakness);
        }
        int period = period(token);
        int outsideWords = n - commonWordChars(token);
        if (period <= n / 2) {
            weakness = "it repeats a " + period + "-character pattern";
        } else if (sequentialShare(token) > 0.5) {
            weakness = "it is mostly a run of consecutive characters";
        } else if (outsideWords < minimumLength) {
            weakness = "it is mostly common words (" + outsideWords + " characters outside them; expected: at least "
                    + minimumLength + ")";
        } else if (bits < MINIMUM_BITS) {
            weakness = "its characters vary too little (about " + bits + " bits; expected: at least " + MINIMUM_BITS
                    + ", such as 32 random bytes in base64)";
        }
        return new TokenStrength(n, bits, weakness);
    }

    /** Shannon entropy of the token's character distribution, in bits per character. */
    private static double entropyPerChar(char[] token) {
        if (token.length == 0) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : token) {
            counts.merge(c, 1, Integer::sum);
        }
        double h = 0;
        for (int count : counts.values()) {
            double p = (double) count / token.length;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }

    /** The smallest p such that the token is a repetition of its first p characters (a prefix of one). */
    private static int period(char[] token) {
        int n = token.length;
        for (int p = 1; p <= n / 2; p++) {
            boolean repeats = true;
            for (int i = p; i < n && repeats; i++) {
                repeats = token[i] == token[i - p];
            }
            if (repeats) {
                return p;
            }
        }
        return n;
    }

    /** The share of neighbouring characters that differ by exactly one (abcd, 1234, dcba). */
    private static double sequentialShare(char[] token) {
        if (token.length < 2) {
            return 0;
        }
        int steps = 0;
        for (int i = 1; i < token.length; i++) {
            if (Math.abs(token[i] - token[i - 1]) == 1) {
                steps++;
            }
        }
        return (double) steps / (token.length - 1);
    }

    /** Case-insensitive, and with the usual look-alike digits and signs (Passw0rd, s3cr3t, @dmin). */
    private static boolean matches(char tokenChar, char wordChar) {
        char c = Character.toLowerCase(tokenChar);
        if (c == wordChar) {
            return true;
        }
        char lookalike = switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
        return lookalike == wordChar;
    }

    /**
     * How many of the token's characters belong to a common word. A random token may hold a short
     * word by chance (hex spells "test" as 7e57 about once in a thousand tokens), so a word only
     * weakens a token whose characters outside words are too few to be strong on their own.
     * Searched in the array itself, so no String copy of the token is made.
     */
    private static int commonWordChars(char[] token) {
        boolean[] covered = new boolean[token.length];
        for (String word : COMMON_WORDS) {
            for (int i = 0; i + word.length() <= token.length; i++) {
                int j = 0;
                while (j < word.length() && matches(token[i + j], word.charAt(j))) {
                    j++;
                }
                if (j == word.length()) {
                    java.util.Arrays.fill(covered, i, i + word.length(), true);
                }
            }
        }
        int count = 0;
        for (boolean c : covered) {
            if (c) {
                count++;
            }
        }
        return count;
    }
}
