package io.qlp.core;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.qlp.api.Tier;
import java.util.ArrayList;
import java.util.List;

/** {@link GenerationStrategy#ensemble()}: T1 drafts, T2 reviews and refines, the validator picks. */
final class EnsembleStrategy implements GenerationStrategy {

    static final String REVIEW = """
            Review the answer above as a senior engineer. Look for compile errors, wrong behaviour, missing edge \
            cases and tests that would fail. Then reply with the complete corrected files, every file in full, in \
            the same format as the answer above.""";

    @Override
    public Pick answer(Tier routedTier, List<ChatMessage> conversation, Calls calls) {
        if (routedTier != Tier.T3 || !calls.tiers().contains(Tier.T1) || !calls.tiers().contains(Tier.T2)) {
            return Pick.of(calls.call(routedTier, conversation));
        }
        Reply draft = calls.call(Tier.T1, conversation);
        List<ChatMessage> review = new ArrayList<>(conversation);
        review.add(AiMessage.from(draft.text()));
        review.add(UserMessage.from(REVIEW));
        Reply refined = calls.call(Tier.T2, review);
        Verdict draftVerdict = calls.check(draft.text());
        Verdict refinedVerdict = calls.check(refined.text());
        boolean draftWins = draftVerdict.betterThan(refinedVerdict);
        Reply chosen = draftWins ? draft : refined;
        String note = "T3 ensemble: " + draft.tier() + " drafted (" + describe(draftVerdict) + "), " + refined.tier()
                + " refined (" + describe(refinedVerdict) + "); picked the " + (draftWins ? "draft" : "refinement")
                + notes(draft, refined);
        return new Pick(chosen.tier(), chosen.text(), note);
    }

    private static String describe(Verdict verdict) {
        if (!verdict.hasFiles()) {
            return "no files";
        }
        return verdict.passed() ? "passed" : verdict.errorCount() + " errors";
    }

    private static String notes(Reply draft, Reply refined) {
        StringBuilder text = new StringBuilder();
        if (!draft.note().isEmpty()) {
            text.append("; ").append(draft.note());
        }
        if (!refined.note().isEmpty()) {
            text.append("; ").append(refined.note());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "GenerationStrategy.ensemble()";
    }
}
