package io.qlp.memory.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float vectors as little-endian bytes, so a store can keep the caller's exact vector beside its normalised copy.
 *
 * <p>Example: {@code VectorBytes.decode(VectorBytes.encode(vector))} equals {@code vector}.
 */
public final class VectorBytes {

    private VectorBytes() {
    }

    /** The vector's components as 4 bytes each, little-endian. */
    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /**
     * The vector held in {@code length} bytes of {@code bytes} from {@code offset}.
     *
     * @throws IllegalArgumentException naming the length when it is not a multiple of 4
     */
    public static float[] decode(byte[] bytes, int offset, int length) {
        if (length % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector bytes must be a multiple of 4, were " + length);
        }
        float[] vector = new float[length / Float.BYTES];
        ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** The vector held in all of {@code bytes}. */
    public static float[] decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * A unit-length copy of {@code vector}.
     *
     * @throws IllegalArgumentException naming the owner when the vector is zero, which has no direction
     */
    public static float[] normalized(float[] vector, String owner) {
        double norm = Cosine.norm(vector);
        if (norm == 0) {
            throw new IllegalArgumentException(owner + " is a zero vector, which has no direction to compare");
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
