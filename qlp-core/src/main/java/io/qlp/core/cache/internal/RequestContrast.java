package io.qlp.core.cache.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the small, targeted word changes that embeddings miss. Sentence embeddings score "sort ascending" and
 * "sort descending" as near-identical (0.98 with all-MiniLM-L6-v2), so a semantic cache that trusts similarity alone
 * serves wrong capsules. Two requests contrast when their numbers differ, when literals written with symbols
 * differ ("yyyy-MM-dd" against "dd/MM/yyyy"), when one negates and the other does not,
 * when a word is what one request converts to and the other converts from ("Celsius to Fahrenheit" against
 * "Fahrenheit to Celsius"),
 * or when a few content words were swapped for others while the rest stayed. Rewordings that change many words are
 * left to the embedding threshold.
 *
 * <p>Example: {@code RequestContrast.between("sort ascending", "sort descending")} is present.
 */
public final class RequestContrast {

    /** Most content words changed on both sides that still count as a targeted swap rather than a rewording. */
    static final int MAX_SWAPPED_WORDS = 4;

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.]*");
    private static final Pattern LITERAL = Pattern.compile(".*[\\p{L}\\p{N}][-/:=%_.][\\p{L}\\p{N}].*|--?\\p{L}.*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Set<String> DIRECTION = Set.of("to", "into", "as");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "without", "never", "non", "nor", "isn't",
            "doesn't", "don't", "cannot", "unless", "except", "excluding");
    // Words that carry no meaning of the program asked for: articles, prepositions and request phrasing.
    private static final Set<String> FILLER = Set.copyOf(List.of("a", "an", "the", "of", "in", "on", "for", "to", "from", "with",
            "and", "or", "that", "which", "this", "it", "its", "is", "are", "be", "as", "at", "by", "into", "each",
            "every", "all", "any", "given", "some", "one", "write", "writes", "implement", "implements", "build",
            "create", "make", "code", "program", "function", "method", "class", "java", "python", "javascript",
            "please", "using", "use", "uses", "including", "include", "includes", "test", "tests",
            "unit", "testing", "support", "supports", "supporting", "should", "can", "will", "we", "i", "you",
            "me", "my", "our", "returns", "return", "returning", "also", "then", "so", "like", "such", "way", "their",
            "them", "they", "while", "when", "where", "whether", "if", "how", "what", "which", "who", "does",
            "do", "has", "have", "provided", "new", "s", "t", "value", "values", "already",
            // Generic verbs that rewordings swap freely; verbs that change the program (encode, sort) stay.
            "compute", "computes", "calculate", "calculates", "determine", "determines", "find", "finds", "get",
            "gets", "produce", "produces", "generate", "generates", "obtain", "detect", "detects", "check",
            "checks", "tell", "tells"));
    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.of("int", "integer", "ints",
            "integer", "integers", "integer", "char", "character", "chars", "character", "regex",
            "regular expression", "dict", "map", "hashmap", "map");

    private RequestContrast() {
    }

    /** Why the two requests ask for different programs, or empty when nothing contrasts them. */
    public static Optional<String> between(String first, String second) {
        List<String> a = tokens(first);
        List<String> b = tokens(second);
        Set<String> numbersA = numbers(a);
        Set<String> numbersB = numbers(b);
        if (!numbersA.equals(numbersB)) {
            return Optional.of("numbers differ: " + numbersA + " vs " + numbersB);
        }
        Set<String> literalsA = literals(first);
        Set<String> literalsB = literals(second);
        if (!literalsA.isEmpty() && !literalsB.isEmpty() && !literalsA.equals(literalsB)) {
            return Optional.of("literals differ: " + literalsA + " vs " + literalsB);
        }
        boolean negatedA = a.stream().anyMatch(NEGATIONS::contains);
        boolean negatedB = b.stream().anyMatch(NEGATIONS::contains);
        if (negatedA != negatedB) {
            return Optional.of("one request negates and the other does not");
        }
        List<String> contentA = content(a);
        List<String> contentB = content(b);
        Set<String> onlyA = new HashSet<>(contentA);
        onlyA.removeAll(contentB);
        Set<String> onlyB = new HashSet<>(contentB);
        onlyB.removeAll(contentA);
        if (onlyA.size() + onlyB.size() > MAX_SWAPPED_WORDS) {
            return Optional.empty();
        }
        if (!onlyA.isEmpty() && !onlyB.isEmpty()) {
            return Optional.of("words swapped: " + onlyA + " vs " + onlyB);
        }
        Set<String> targetsA = targets(a);
        Set<String> targetsB = targets(b);
        for (String target : targetsA) {
            if (contentB.contains(target) && !targetsB.contains(target)) {
                return Optional.of("direction differs: '" + target + "' is the target of one request only");
            }
        }
        for (String target : targetsB) {
            if (contentA.contains(target) && !targetsA.contains(target)) {
                return Optional.of("direction differs: '" + target + "' is the target of one request only");
            }
        }
        return Optional.empty();
    }

    // Formats, flags and identifiers written with symbols ("yyyy-MM-dd", "--name=value") must match as written.
    private static Set<String> literals(String text) {
        Set<String> literals = new HashSet<>();
        for (String word : text.strip().split("\\s+")) {
            String trimmed = word.replaceAll("^[\"'(\\[]+|[\"'),.;:!?\\]]+$", "");
            if (LITERAL.matcher(trimmed).matches()) {
                literals.add(trimmed);
            }
        }
        return literals;
    }

    // The content words right after "to", "into" or "as": what a conversion produces ("Celsius to Fahrenheit").
    private static Set<String> targets(List<String> tokens) {
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (DIRECTION.contains(tokens.get(i))) {
                int taken = 0;
                for (int j = i + 1; j < tokens.size() && taken < 2; j++) {
                    String token = tokens.get(j);
                    if (DIRECTION.contains(token)) {
                        break;
                    }
                    if (!FILLER.contains(token) && !NEGATIONS.contains(token)) {
                        targets.add(stem(token));
                        taken++;
                    }
                }
            }
        }
        return targets;
    }

    private static List<String> tokens(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('-', ' ').replace('_', ' ');
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(folded);
        while (matcher.find()) {
            String token = matcher.group();
            tokens.add(token.endsWith(".") ? token.substring(0, token.length() - 1) : token);
        }
        return tokens;
    }

    // "one" is left out: it is far more often an article ("one column") than a count.
    private static Set<String> numbers(List<String> tokens) {
        Set<String> numbers = new HashSet<>();
        for (String token : tokens) {
            if (NUMBER.matcher(token).matches()) {
                numbers.add(token.replaceFirst("^0+(?=\\d)", ""));
            } else if (WORD_NUMBERS.indexOf(token) >= 2) {
                numbers.add(Integer.toString(WORD_NUMBERS.indexOf(token)));
            }
        }
        return numbers;
    }

    private static final List<String> WORD_NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen", "twenty");

    private static List<String> content(List<String> tokens) {
        List<String> content = new ArrayList<>();
        for (String token : tokens) {
            if (WORD_NUMBERS.indexOf(token) >= 2) {
                content.add(Integer.toString(WORD_NUMBERS.indexOf(token)));
            } else if (!FILLER.contains(token) && !NEGATIONS.contains(token)) {
                content.add(stem(token));
            }
        }
        return content;
    }

    // Just enough stemming that "reverses" meets "reverse" and "integers" meets "integer".
    private static String stem(String word) {
        String synonym = SYNONYMS.get(word);
        if (synonym != null) {
            return synonym;
        }
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && word.endsWith("sses")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
