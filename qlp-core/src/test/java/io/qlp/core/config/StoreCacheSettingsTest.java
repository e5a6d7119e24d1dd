package io.qlp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.store.CachingCapsuleStore;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCacheSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void should_bind_the_cache_keys_when_written_in_kebab_case() {
        QlpSettings settings = settings(Map.of("cache", Map.of("enabled", false, "maximum-size", 500,
                "latest-ttl", "PT0.5S")));

        assertThat(settings.store().cache()).isEqualTo(new StoreSettings.Cache(false, 500L, Duration.ofMillis(500)));
        assertThat(settings.store().cacheEnabled()).isFalse();
        assertThat(StoreSettings.defaults().cacheEnabled()).isTrue();
    }

    @Test
    void should_read_the_embedded_store_through_the_cache_when_nothing_is_configured() {
        try (CapsuleStore store = GeneratorFactory.openStore(settings(Map.of()), name -> null)) {
            assertThat(store).isInstanceOf(CachingCapsuleStore.class);
            assertThat(((CachingCapsuleStore) store).delegate()).isInstanceOf(JdbcCapsuleStore.class);
        }
    }

    @Test
    void should_open_the_store_without_cache_when_the_cache_is_disabled() {
        try (CapsuleStore store = GeneratorFactory.openStore(settings(Map.of("cache", Map.of("enabled", false))),
                name -> null)) {
            assertThat(store).isInstanceOf(JdbcCapsuleStore.class);
        }
    }

    @Test
    void should_not_cache_the_in_memory_store_when_it_is_chosen() {
        try (CapsuleStore store = GeneratorFactory.openStore(settings(Map.of("type", "in-memory")), name -> null)) {
            assertThat(store).isInstanceOf(InMemoryCapsuleStore.class);
        }
    }

    @Test
    void should_name_the_key_when_a_cache_value_is_invalid() {
        assertThatThrownBy(() -> GeneratorFactory.openStore(settings(Map.of("cache", Map.of("latest-ttl", "PT0S"))),
                name -> null))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("qlp.store.cache.latest-ttl");
                });
        assertThatThrownBy(() -> GeneratorFactory.openStore(settings(Map.of("cache", Map.of("maximum-size", -1))),
                name -> null))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.getMessage()).contains("qlp.store.cache.maximum-size"));
    }

    private QlpSettings settings(Map<String, Object> store) {
        return QlpSettings.fromMap(Map.of("qlp", Map.of("data-dir", dataDir.toString(), "store", store)));
    }
}
