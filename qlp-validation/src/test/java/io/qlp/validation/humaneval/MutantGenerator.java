package io.qlp.validation.humaneval;

import io.qlp.validation.internal.security.LexedSource;
import io.qlp.validation.internal.security.SourceLexer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes mutants of a canonical solution body, deterministically: for each operator (flipped comparison,
 * off-by-one on an integer literal, swapped boolean literal, {@code +} to {@code -}) it lists every place in the
 * code (never in strings or comments, found through the validators' own lexer) and keeps up to
 * {@code maxPerOperator} of them, evenly spread from the first to the last. Mutants whose text equals the body or
 * an earlier mutant are skipped.
 *
 * <p>Example: {@code new MutantGenerator(2).mutants(problem)} gives up to eight mutants.
 *
 * @param maxPerOperator how many places of each operator to mutate
 */
record MutantGenerator(int maxPerOperator) {

    /** Operators, longest first, so that {@code <=} is read as one token and {@code <<} is never a comparison. */
    private static final List<String> OPERATORS = List.of(">>>=", ">>>", "<<=", ">>=", "===", "!==", "**=", "//=",
            "->", "=>", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "++", "--", "**", "//", "&&", "||",
            "<", ">", "+");
    private static final Map<String, String> NEGATED = Map.of("<", ">=", ">", "<=", "<=", ">", ">=", "<",
            "==", "!=", "!=", "==", "===", "!==", "!==", "===");
    private static final Pattern INTEGER = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");
    private static final Pattern JAVA_BOOLEAN = Pattern.compile("\\b(?:true|false)\\b");
    private static final Pattern PYTHON_BOOLEAN = Pattern.compile("\\b(?:True|False)\\b");

    MutantGenerator {
        if (maxPerOperator < 1) {
            throw new IllegalArgumentException("maxPerOperator must be at least 1: " + maxPerOperator);
        }
    }

    /** The mutants of {@code problem}'s canonical body, operator by operator. */
    List<Mutant> mutants(HumanEvalProblem problem) {
        String body = problem.canonicalSolution();
        LexedSource source = SourceLexer.lex(problem.language().solutionFileName(), body);
        Map<Mutant.Operator, List<Site>> sites = new EnumMap<>(Mutant.Operator.class);
        for (Mutant.Operator operator : Mutant.Operator.values()) {
            sites.put(operator, new ArrayList<>());
        }
        operatorSites(source, problem.language(), sites);
        literalSites(source, problem.language(), sites);
        List<Mutant> mutants = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        seen.add(body);
        for (Map.Entry<Mutant.Operator, List<Site>> entry : sites.entrySet()) {
            for (Site site : spread(entry.getValue())) {
                String mutated = body.substring(0, site.start()) + site.to() + body.substring(site.start()
                        + site.from().length());
                if (seen.add(mutated)) {
                    mutants.add(new Mutant(problem, entry.getKey(), source.lineOf(site.start()),
                            source.columnOf(site.start()), site.from(), site.to(), mutated));
                }
            }
        }
        return mutants;
    }

    private static void operatorSites(LexedSource source, HumanEvalLanguage language,
                                      Map<Mutant.Operator, List<Site>> sites) {
        String code = source.code();
        int i = 0;
        while (i < code.length()) {
            String token = operatorAt(code, i);
            if (token == null) {
                i++;
                continue;
            }
            String negated = NEGATED.get(token);
            if (negated != null && !(language == HumanEvalLanguage.JAVA && token.length() == 1
                    && !spacedOnBothSides(code, i))) {
                // In Java a '<' or '>' without spaces is almost always a generic type's bracket.
                sites.get(Mutant.Operator.COMPARISON).add(new Site(i, token, negated));
            } else if (token.equals("+") || token.equals("+=")) {
                sites.get(Mutant.Operator.SIGN).add(new Site(i, token, token.equals("+") ? "-" : "-="));
            }
            i += token.length();
        }
    }

    private static void literalSites(LexedSource source, HumanEvalLanguage language,
                                     Map<Mutant.Operator, List<Site>> sites) {
        Matcher integers = INTEGER.matcher(source.code());
        while (integers.find()) {
            String value = integers.group();
            if (value.length() < 10) {
                sites.get(Mutant.Operator.OFF_BY_ONE).add(new Site(integers.start(), value,
                        String.valueOf(Long.parseLong(value) + 1)));
            }
        }
        Matcher booleans = (language == HumanEvalLanguage.PYTHON ? PYTHON_BOOLEAN : JAVA_BOOLEAN)
                .matcher(source.code());
        while (booleans.find()) {
            String value = booleans.group();
            String swapped = switch (value) {
                case "true" -> "false";
                case "false" -> "true";
                case "True" -> "False";
                default -> "True";
            };
            sites.get(Mutant.Operator.BOOLEAN).add(new Site(booleans.start(), value, swapped));
        }
    }

    private static String operatorAt(String code, int i) {
        for (String operator : OPERATORS) {
            if (code.startsWith(operator, i)) {
                return operator;
            }
        }
        return null;
    }

    private static boolean spacedOnBothSides(String code, int i) {
        return i > 0 && i + 1 < code.length() && Character.isWhitespace(code.charAt(i - 1))
                && Character.isWhitespace(code.charAt(i + 1));
    }

    /** Up to {@link #maxPerOperator} sites, evenly spread from the first to the last. */
    private List<Site> spread(List<Site> all) {
        if (all.size() <= maxPerOperator) {
            return all;
        }
        List<Site> chosen = new ArrayList<>();
        for (int k = 0; k < maxPerOperator; k++) {
            int index = maxPerOperator == 1 ? 0 : (int) Math.round(k * (all.size() - 1) / (double) (maxPerOperator - 1));
            if (chosen.isEmpty() || chosen.get(chosen.size() - 1) != all.get(index)) {
                chosen.add(all.get(index));
            }
        }
        return chosen;
    }

    private record Site(int start, String from, String to) {
    }
}
