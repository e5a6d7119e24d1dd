package io.qlp.core.cache.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The id under which an embedding model's vectors are stored: its model name when it reports one, else its class
 * name, with the dimension, so vectors of two models are never compared.
 *
 * <p>Example: {@code EmbeddingModelIds.of(new AllMiniLmL6V2EmbeddingModel())} is {@code all-minilm-l6-v2/384}.
 */
public final class EmbeddingModelIds {

    private EmbeddingModelIds() {
    }

    /** The id of {@code model}; asks the model for its dimension, which may embed a probe text once. */
    public static String of(EmbeddingModel model) {
        if (model instanceof AllMiniLmL6V2EmbeddingModel) {
            return io.qlp.core.cache.DefaultEmbeddings.ALL_MINILM_L6_V2_ID;
        }
        String name = model.modelName();
        if (name == null || name.isBlank() || name.equals("unknown")) {
            name = model.getClass().getSimpleName();
        }
        return name + "/" + model.dimension();
    }
}
