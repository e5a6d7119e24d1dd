package io.qlp.api.spi;

/**
 * Turns text into a vector, for plug-ins that need similarity without depending on a model library.
 * Implementations are thread-safe and deterministic for a given {@link #modelId()}.
 *
 * <p>Example: {@code float[] vector = embedder.embed("a thread-safe LRU cache");}
 */
public interface TextEmbedder {

    /** Identifies the model; vectors of different models must never be compared. */
    String modelId();

    /** Length of every vector. */
    int dimension();

    /** The embedding of {@code text}, of length {@link #dimension()}. */
    float[] embed(String text);
}
