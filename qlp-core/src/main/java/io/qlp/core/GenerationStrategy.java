package io.qlp.core;

import dev.langchain4j.data.message.ChatMessage;
import io.qlp.api.Tier;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one attempt gets its answer once the router has chosen a tier. The default asks the routed tier's model;
 * {@link #ensemble()} answers T3 requests with T1 and T2 together. Every call goes through {@link Calls}, which
 * checks the budget, retries, falls back and records usage per tier, so a strategy only decides who is asked what.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T1, medium).tier(Tier.T2, strong).tier(Tier.T3, strongest)
 *     .strategy(GenerationStrategy.ensemble())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface GenerationStrategy {

    /**
     * The answer of one attempt.
     *
     * @param routedTier the tier the router (or the request's override) chose
     * @param conversation the conversation so far, ending with the request or the repair request; do not change it
     * @param calls model calls and checks this attempt may make
     */
    Pick answer(Tier routedTier, List<ChatMessage> conversation, Calls calls);

    /** Asks the routed tier's model once. */
    static GenerationStrategy singleModel() {
        return (tier, conversation, calls) -> Pick.of(calls.call(tier, conversation));
    }

    /**
     * When the routed tier is T3 and T1 and T2 are configured: T1 drafts, T2 reviews and refines the draft, and the
     * validator picks the version that passes, or the one with fewer error findings (the refined one on a tie).
     * Other tiers are asked once, as by {@link #singleModel()}.
     */
    static GenerationStrategy ensemble() {
        return new EnsembleStrategy();
    }

    /** Model calls and validation for a strategy. */
    interface Calls {
        /** The configured tiers. */
        Set<Tier> tiers();

        /**
         * Asks {@code tier}'s model, or the next tier up when its provider is down and fallback is on.
         *
         * @throws io.qlp.api.QlpException BUDGET_EXCEEDED before a call the budget cannot pay for, MODEL_* errors
         */
        Reply call(Tier tier, List<ChatMessage> conversation);

        /** Parses and validates an answer; the result is reused if this answer is picked. */
        Verdict check(String answer);
    }

    /**
     * One model's answer.
     *
     * @param tier the tier that answered (the next one up after a fallback)
     * @param text the answer
     * @param note what happened on the way, such as a fallback; empty when nothing did
     */
    record Reply(Tier tier, String text, String note) {
        /** Rejects nulls. */
        public Reply {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * What the validator thought of an answer.
     *
     * @param hasFiles whether the answer held files the parser could read
     * @param passed whether they passed validation
     * @param errorCount error findings
     */
    record Verdict(boolean hasFiles, boolean passed, int errorCount) {
        /** Whether this verdict is better than {@code other}: passing first, then readable, then fewer errors. */
        public boolean betterThan(Verdict other) {
            if (passed != other.passed) {
                return passed;
            }
            if (hasFiles != other.hasFiles) {
                return hasFiles;
            }
            return errorCount < other.errorCount;
        }
    }

    /**
     * The answer an attempt goes on with.
     *
     * @param tier the tier recorded for the attempt
     * @param text the answer
     * @param note why, added to the attempt's reason; empty for nothing to add
     */
    record Pick(Tier tier, String text, String note) {
        /** Rejects nulls. */
        public Pick {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(note, "note");
        }

        /** A single reply taken as it is. */
        public static Pick of(Reply reply) {
            return new Pick(reply.tier(), reply.text(), reply.note());
        }
    }
}
