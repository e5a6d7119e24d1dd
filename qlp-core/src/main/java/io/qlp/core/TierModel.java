package io.qlp.core;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Objects;

/**
 * The chat model behind a tier, with a display name and its prices.
 *
 * <p>Example: {@code new TierModel(openAiModel, "gpt-4o-mini", ModelPricing.perThousandTokens("0.00015", "0.0006"))}
 *
 * @param chatModel the LangChain4j model that answers
 * @param modelName name shown in reports and metrics
 * @param pricing prices used for cost
 */
public record TierModel(ChatModel chatModel, String modelName, ModelPricing pricing) {

    /** Rejects nulls and a blank name. */
    public TierModel {
        Objects.requireNonNull(chatModel, "chatModel");
        Objects.requireNonNull(pricing, "pricing");
        if (Objects.requireNonNull(modelName, "modelName").isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
    }
}
