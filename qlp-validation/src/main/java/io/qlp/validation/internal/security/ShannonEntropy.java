package io.qlp.validation.internal.security;

/**
 * Shannon entropy in bits per character: random keys and tokens score high (a base64 key about 5), words and
 * identifiers low (English text about 3 to 4).
 *
 * <p>Example: {@code ShannonEntropy.bitsPerChar("aaaa")} is 0.
 */
public final class ShannonEntropy {

    private ShannonEntropy() {
    }

    /** The entropy of the character distribution of {@code text}; 0 for an empty text. */
    public static double bitsPerChar(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double entropy = 0;
        double length = text.length();
        for (int count : counts) {
            entropy -= term(count, length);
        }
        return entropy - term(other, length);
    }

    private static double term(int count, double length) {
        if (count == 0) {
            return 0;
        }
        double p = count / length;
        return p * Math.log(p) / Math.log(2);
    }
}
