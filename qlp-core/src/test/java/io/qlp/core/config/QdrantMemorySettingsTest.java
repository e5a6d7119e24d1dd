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
                "timeout", "PT3S", "collection-prefix", "team_")).memory().qdrant();

        assertThat(qdrant).isEqualTo(new MemorySettings.Qdrant("http://127.0.0.1:6334", "k", Duration.ofSeconds(3),
                "team_"));
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
