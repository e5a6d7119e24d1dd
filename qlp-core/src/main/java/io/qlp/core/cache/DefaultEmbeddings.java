package io.qlp.core.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The embedded default embedding model: all-MiniLM-L6-v2 (384 dimensions), run in process from the model inside
 * its jar, offline. Loading takes 1–2 s, so one instance is shared by the whole process and created on first use.
 *
 * <p>Example: {@code SemanticCache.builder().store(store).embeddingModel(DefaultEmbeddings.allMiniLmL6V2()).build()}
 */
public final class DefaultEmbeddings {

    /** The id stored with vectors of {@link #allMiniLmL6V2()}. */
    public static final String ALL_MINILM_L6_V2_ID = "all-minilm-l6-v2/384";

    private DefaultEmbeddings() {
    }

    /** The shared all-MiniLM-L6-v2 model; thread-safe. */
    public static EmbeddingModel allMiniLmL6V2() {
        return Holder.MODEL;
    }

    private static final class Holder {
        static {
            // DJL, which runs the model, otherwise asks a cloud metadata address whether it runs on EC2.
            if (System.getProperty("OPT_OUT_TRACKING") == null) {
                System.setProperty("OPT_OUT_TRACKING", "true");
            }
        }

        private static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }
}
