package io.qlp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.MemoryStore;
import io.qlp.memory.QdrantMemoryStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qlp.memory.store: qdrant} opens the Qdrant store with the configured URL, API key, timeout and prefix. */
class QdrantMemorySettingsTest {

    @TempDir
    Path dataDir;

    private static QlpSettings settings(Map<String, Object> qdrant) {
        return QlpSettings.fromMap(Map.of("qlp", Map.of("memory", Map.of("store", "qdrant", "qdrant", qdrant))));
    }

    @Test
    void should_bind_every_qdrant_key_when_written_in_kebab_case() {
        MemorySettings.Qdrant qdrant = settings(Map.of("url", "http://127.0.0.1:6334", "api-key", "k",
                "api-key-env", "QDRANT_KEY", "timeout", "PT3S", "collection-prefix", "team_")).memory().qdrant();

        assertThat(qdrant).isEqualTo(new MemorySettings.Qdrant("http://127.0.0.1:6334", "k", "QDRANT_KEY",
                Duration.ofSeconds(3), "team_"));
    }

    @Test
    void should_read_the_key_from_the_named_variable_when_api_key_env_is_set() {
        Map<String, String> environment = Map.of("QDRANT_KEY", "from-env");
        MemorySettings.Qdrant byEnv = settings(Map.of("url", "http://127.0.0.1:6334", "api-key-env", "QDRANT_KEY"))
                .memory().qdrant();
        MemorySettings.Qdrant both = new MemorySettings.Qdrant("http://127.0.0.1:6334", "inline", "QDRANT_KEY",
                null, null);

        assertThat(byEnv.resolvedApiKey(environment::get)).isEqualTo("from-env");
        assertThat(both.resolvedApiKey(environment::get)).isEqualTo("inline");
        assertThat(new MemorySettings.Qdrant("http://127.0.0.1:6334").resolvedApiKey(environment::get)).isNull();
    }

    @Test
    void should_name_api_key_env_when_the_variable_it_names_is_not_set() {
        QlpSettings settings = settings(Map.of("url", "http://127.0.0.1:6334", "api-key-env", "QLP_TEST_NO_SUCH_VAR"));

        assertThatThrownBy(() -> settings.memory().open(dataDir, Map.of("QLP_TEST_NO_SUCH_VAR", " ")::get))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.memory.qdrant.api-key-env");
                })
                .hasMessageContaining("QLP_TEST_NO_SUCH_VAR");
        assertThatThrownBy(() -> settings.memory().open(dataDir))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.details()).containsEntry("key", "qlp.memory.qdrant.api-key-env"));
    }

    @Test
    void should_not_print_the_api_key_when_the_settings_are_printed() {
        MemorySettings.Qdrant qdrant = new MemorySettings.Qdrant("http://127.0.0.1:6334", "s3cret-key", "QDRANT_KEY",
                null, "team_");

        assertThat(qdrant.toString()).doesNotContain("s3cret-key").contains("***", "QDRANT_KEY", "team_");
        assertThat(new MemorySettings(true, "qdrant", qdrant).toString()).doesNotContain("s3cret-key");
    }

    @Test
    void should_open_the_qdrant_store_with_the_configured_prefix_when_store_is_qdrant() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (MemoryStore store = settings(Map.of("url", "http://127.0.0.1:" + port, "api-key", "k",
                "collection-prefix", "team_")).memory().open(dataDir)) {
            assertThat(store).isInstanceOfSatisfying(QdrantMemoryStore.class,
                    qdrant -> assertThat(qdrant.server()).isEqualTo("127.0.0.1:" + port));
            // Nothing listens there: the first call fails, naming the server and the prefixed collection.
            assertThatThrownBy(() -> store.count("code_patterns"))
                    .isInstanceOf(RetriableQlpException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("team_code_patterns");
        }
    }

    @Test
    void should_fail_the_call_at_the_configured_timeout_when_the_server_never_answers() throws Exception {
        // A listener that accepts connections and never answers: only the deadline ends the call.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            try (MemoryStore store = settings(Map.of("url", "http://127.0.0.1:" + silent.getLocalPort(),
                    "timeout", "PT0.3S")).memory().open(dataDir)) {
                assertThatThrownBy(() -> store.count("errors"))
                        .isInstanceOf(RetriableQlpException.class)
                        .hasMessageContaining("DEADLINE_EXCEEDED")
                        .hasMessageContaining("PT0.3S");
            } finally {
                silent.close();
                acceptor.join(5_000);
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void should_name_the_key_when_the_qdrant_url_is_missing_or_invalid() {
        assertThatThrownBy(() -> settings(Map.of("api-key", "k")).memory().open(dataDir))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.memory.qdrant.url");
                });
        assertThatThrownBy(() -> settings(Map.of("url", "ftp://host")).memory().open(dataDir))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("ftp://host");
    }
}
