package io.qlp.routing.internal;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.routing.ComplexityScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a request's {@link ComplexityScore} as the weighted sum of the {@link Signal}s. Stateless and safe for
 * concurrent use; it splits the text into words once and looks them up in vocabularies indexed once.
 *
 * <p>Example: {@code new ComplexityScorer().score(request).value()}
 */
public final class ComplexityScorer {

    // Java asks for types, a build layout and more files; Python the least ceremony.
    private static final Map<Language, Double> LANGUAGE_DEMAND = Map.of(
            Language.JAVA, 1.0, Language.JAVASCRIPT, 0.5, Language.PYTHON, 0.0);
    private static final double UNKNOWN_LANGUAGE_DEMAND = 0.5;

    private final KeywordSignals keywords = KeywordSignals.standard();
    private final ComponentCounter components = new ComponentCounter();

    /** The request's complexity and the signals that raised it, strongest first. */
    public ComplexityScore score(CapsuleRequest request) {
        String text = textOf(request);
        Words words = Words.of(text);
        Map<Signal, Double> contributions = new EnumMap<>(Signal.class);
        contributions.put(Signal.LENGTH, Signal.LENGTH.contribution(text.length()));
        contributions.put(Signal.REQUIREMENTS, Signal.REQUIREMENTS.contribution(
                request.requirements().size() + request.constraints().size()));
        contributions.put(Signal.COMPONENTS, Signal.COMPONENTS.contribution(components.count(words)));
        Map<Signal, Set<String>> terms = keywords.find(words);
        for (Signal signal : List.of(Signal.ALGORITHMIC, Signal.CONCURRENCY, Signal.SECURITY, Signal.PERSISTENCE)) {
            contributions.put(signal, signal.contribution(terms.getOrDefault(signal, Set.of()).size()));
        }
        contributions.put(Signal.LANGUAGE, Signal.LANGUAGE.contribution(
                LANGUAGE_DEMAND.getOrDefault(request.language(), UNKNOWN_LANGUAGE_DEMAND)));
        return new ComplexityScore(sum(contributions), strongestFirst(contributions));
    }

    private static String textOf(CapsuleRequest request) {
        StringBuilder text = new StringBuilder(request.description());
        request.requirements().forEach(item -> text.append('\n').append(item));
        request.constraints().forEach(item -> text.append('\n').append(item));
        return text.toString();
    }

    private static double sum(Map<Signal, Double> contributions) {
        double total = 0;
        for (double contribution : contributions.values()) {
            total += contribution;
        }
        // Two decimals: the value shown in routing reasons is then exactly the one compared with the thresholds.
        // The weights add up to 1; the clamp only absorbs floating-point rounding.
        return Math.min(1.0, Math.round(total * 100) / 100.0);
    }

    private static List<String> strongestFirst(Map<Signal, Double> contributions) {
        List<Map.Entry<Signal, Double>> raised = new ArrayList<>();
        for (Map.Entry<Signal, Double> entry : contributions.entrySet()) {
            if (entry.getValue() > 0) {
                raised.add(entry);
            }
        }
        // A stable sort keeps the declaration order of Signal among equal contributions.
        raised.sort(Map.Entry.<Signal, Double>comparingByValue(Comparator.reverseOrder()));
        List<String> labels = new ArrayList<>(raised.size());
        raised.forEach(entry -> labels.add(entry.getKey().label()));
        return labels;
    }
}
