package io.qlp.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineTest {

    private static double cosine(float[] a, float[] b) {
        return Cosine.similarity(a, Cosine.norm(a), b, Cosine.norm(b));
    }

    @Test
    void should_compute_euclidean_norm() {
        assertThat(Cosine.norm(new float[] {3f, 4f})).isEqualTo(5.0);
    }

    @Test
    void should_match_the_angle_between_vectors() {
        assertThat(cosine(new float[] {1f, 0f}, new float[] {1f, 1f})).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(cosine(new float[] {2f, 0f}, new float[] {-5f, 0f})).isEqualTo(-1.0);
    }

    @Test
    void should_be_zero_when_either_vector_is_zero() {
        assertThat(cosine(new float[] {0f, 0f}, new float[] {1f, 2f})).isZero();
        assertThat(cosine(new float[] {1f, 2f}, new float[] {0f, 0f})).isZero();
    }

    @Test
    void should_stay_within_minus_one_and_one_when_rounding() {
        float[] a = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};

        assertThat(cosine(a, a)).isLessThanOrEqualTo(1.0).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void should_reject_vectors_of_different_length() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Cosine.similarity(new float[] {1f}, 1, new float[] {1f, 0f}, 1))
                .withMessageContaining("1 and 2");
    }
}
