package io.qlp.memory.internal;

/**
 * Cosine similarity of float vectors, computed in double precision. A zero vector has no direction, so its
 * similarity to anything is defined as 0.
 *
 * <p>Example: {@code Cosine.similarity(new float[] {1, 0}, 1, new float[] {2, 0}, 2)} is 1.
 */
public final class Cosine {

    private Cosine() {
    }

    /** The Euclidean length of {@code vector}. */
    public static double norm(float[] vector) {
        double sum = 0;
        for (float component : vector) {
            sum += (double) component * component;
        }
        return Math.sqrt(sum);
    }

    /**
     * The cosine of the angle between {@code a} and {@code b}, in [-1, 1], given their norms; 0 when either is zero.
     *
     * @throws IllegalArgumentException naming both lengths when they differ
     */
    public static double similarity(float[] a, double normA, float[] b, double normB) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in dimension: " + a.length + " and " + b.length);
        }
        if (normA == 0 || normB == 0) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        // Rounding can push parallel vectors a hair beyond 1.
        return Math.max(-1.0, Math.min(1.0, dot / (normA * normB)));
    }
}
