package io.qlp.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private static final List<String> MODELS = List.of("T0=small", "T1=medium");

    private static CapsuleRequest.Builder request() {
        return CapsuleRequest.builder().description("A stack of ints, with tests").language(Language.JAVA);
    }

    private static String key(CapsuleRequest request) {
        return CacheKey.of(request, MODELS, "p1", "qlp-java/test");
    }

    @Test
    void should_give_the_same_key_when_requests_differ_only_in_white_space_and_model_order() {
        String spaced = CacheKey.of(request().description("  A stack\tof ints,\n with tests ").build(),
                List.of("T1=medium", "T0=small"), "p1", "qlp-java/test");

        assertThat(spaced).isEqualTo(key(request().build())).hasSize(64);
    }

    @Test
    void should_give_different_keys_when_anything_that_changes_the_answer_differs() {
        String base = key(request().build());

        assertThat(key(request().language(Language.PYTHON).build())).isNotEqualTo(base);
        assertThat(key(request().description("A stack of longs, with tests").build())).isNotEqualTo(base);
        assertThat(key(request().requirements(List.of("push and pop")).build())).isNotEqualTo(base);
        assertThat(CacheKey.of(request().build(), MODELS, "p2", "qlp-java/test")).isNotEqualTo(base);
        assertThat(CacheKey.of(request().build(), List.of("T0=other"), "p1", "qlp-java/test")).isNotEqualTo(base);
    }

    @Test
    void should_keep_partitions_apart_and_leave_unpartitioned_keys_unchanged_when_metadata_names_a_partition() {
        String unpartitioned = key(request().metadata("owner", "someone").build());
        String acme = key(request().metadata(CacheKey.PARTITION_METADATA, "tenant:acme").build());
        String globex = key(request().metadata(CacheKey.PARTITION_METADATA, "tenant:globex").build());

        assertThat(unpartitioned).isEqualTo(key(request().build()));
        assertThat(acme).isNotEqualTo(globex).isNotEqualTo(unpartitioned)
                .isEqualTo(key(request().metadata(CacheKey.PARTITION_METADATA, "tenant:acme").build()));
    }
}
