package io.qlp.routing;

import io.qlp.api.spi.TextEmbedder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A feature-hashing embedder over words and word pairs: no model, no I/O, a few microseconds per request. Good
 * enough to find requests that share their wording, which is what routing history needs; use a neural embedding
 * model for meaning.
 *
 * <p>Example: {@code float[] v = HashingTextEmbedder.create().embed("parse ISO-8601 durations");}
 */
public final class HashingTextEmbedder implements TextEmbedder {

    /** Default vector length. */
    public static final int DEFAULT_DIMENSION = 256;

    private final int dimension;

    private HashingTextEmbedder(int dimension) {
        this.dimension = dimension;
    }

    /** An embedder of {@value #DEFAULT_DIMENSION} dimensions. */
    public static HashingTextEmbedder create() {
        return new HashingTextEmbedder(DEFAULT_DIMENSION);
    }

    /**
     * An embedder of {@code dimension} dimensions.
     *
     * @throws IllegalArgumentException naming the value when it is below 16
     */
    public static HashingTextEmbedder withDimension(int dimension) {
        if (dimension < 16) {
            throw new IllegalArgumentException("dimension must be at least 16: " + dimension);
        }
        return new HashingTextEmbedder(dimension);
    }

    @Override
    public String modelId() {
        return "qlp-hashing-v1-" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        float[] vector = new float[dimension];
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String previous = null;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            add(vector, word, 1f);
            if (previous != null) {
                add(vector, previous + ' ' + word, 0.5f);
            }
            previous = word;
        }
        normalize(vector);
        return vector;
    }

    private void add(float[] vector, String feature, float weight) {
        CRC32 crc = new CRC32();
        crc.update(feature.getBytes(StandardCharsets.UTF_8));
        long hash = crc.getValue();
        int index = (int) (hash % dimension);
        // The sign bit spreads collisions around zero instead of piling them up.
        vector[index] += ((hash >>> 31) & 1) == 0 ? weight : -weight;
    }

    private static void normalize(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            return;
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
    }
}
