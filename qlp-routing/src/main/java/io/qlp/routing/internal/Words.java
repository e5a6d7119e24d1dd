package io.qlp.routing.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A text split once into lower-case words of letters and digits, remembering where punctuation separates two
 * words. Hyphens and slashes split words without separating them, so "multi-service" is the words "multi" and
 * "service" side by side, while "numbers, class" has a break before "class".
 *
 * <p>Example: {@code Words.of("Thread-safe, async").get(1)} is {@code "safe"} and {@code breakBefore(2)} is true.
 */
public final class Words {

    private final List<String> words;
    private final boolean[] breakBefore;

    private Words(List<String> words, boolean[] breakBefore) {
        this.words = words;
        this.breakBefore = breakBefore;
    }

    /** Splits {@code text} into words. */
    public static Words of(CharSequence text) {
        List<String> words = new ArrayList<>();
        List<Boolean> breaks = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean punctuationSinceLastWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
                continue;
            }
            if (word.length() > 0) {
                breaks.add(punctuationSinceLastWord && !words.isEmpty());
                words.add(word.toString());
                word.setLength(0);
                punctuationSinceLastWord = false;
            }
            punctuationSinceLastWord |= !joinsWords(c);
        }
        if (word.length() > 0) {
            breaks.add(punctuationSinceLastWord && !words.isEmpty());
            words.add(word.toString());
        }
        boolean[] breakBefore = new boolean[breaks.size()];
        for (int i = 0; i < breakBefore.length; i++) {
            breakBefore[i] = breaks.get(i);
        }
        return new Words(List.copyOf(words), breakBefore);
    }

    // Spaces, hyphens and slashes keep neighbouring words in one phrase: "thread pool", "lock-free", "pub/sub".
    private static boolean joinsWords(char c) {
        return Character.isWhitespace(c) && c != '\n' && c != '\r' || c == '-' || c == '/';
    }

    /** Number of words. */
    public int size() {
        return words.size();
    }

    /** The word at {@code index}, in lower case. */
    public String get(int index) {
        return words.get(index);
    }

    /** Whether punctuation or a line break separates the word at {@code index} from the one before it. */
    public boolean breakBefore(int index) {
        return breakBefore[index];
    }

    /** Whether the words from {@code from} to {@code to}, inclusive, have no break between them. */
    public boolean unbroken(int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            if (breakBefore[i]) {
                return false;
            }
        }
        return true;
    }
}
