package io.qlp.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qlp.api.spi.AbstractMemoryStoreTest;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory store contract against a real Qdrant (1.16 or newer), run only when {@code QLP_QDRANT_URL} is set, such
 * as {@code QLP_QDRANT_URL=http://127.0.0.1:6334} (gRPC port) and optionally {@code QLP_QDRANT_API_KEY}. Its
 * collections start with a prefix unique to the run and are deleted afterwards.
 */
class QdrantLiveTest extends AbstractMemoryStoreTest {

    private static final String URL = System.getenv("QLP_QDRANT_URL");
    private static final String API_KEY = System.getenv("QLP_QDRANT_API_KEY");
    private static final String PREFIX = "qlp_live_" + UUID.randomUUID().toString().substring(0, 8) + "_";

    @BeforeAll
    static void requireServer() {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(), "set QLP_QDRANT_URL to run against a real Qdrant");
    }

    @AfterAll
    static void deleteCollections() throws Exception {
        if (URL == null || URL.isBlank()) {
            return;
        }
        URI uri = URI.create(URL.trim());
        QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : QdrantMemoryStore.DEFAULT_PORT, "https".equals(uri.getScheme()),
                false);
        if (API_KEY != null && !API_KEY.isBlank()) {
            builder.withApiKey(API_KEY);
        }
        try (QdrantClient client = new QdrantClient(builder.build())) {
            for (String name : client.listCollectionsAsync().get()) {
                if (name.startsWith(PREFIX)) {
                    client.deleteCollectionAsync(name).get();
                }
            }
        }
    }

    @Override
    protected MemoryStore createStore() {
        QdrantMemoryStore.Builder builder = QdrantMemoryStore.builder().url(URL).collectionPrefix(PREFIX);
        if (API_KEY != null && !API_KEY.isBlank()) {
            builder.apiKey(API_KEY);
        }
        return builder.build();
    }

    @Override
    protected MemoryStore restart(MemoryStore store) {
        store.close();
        return createStore();
    }

    @Test
    void should_keep_one_point_when_the_same_record_is_upserted_twice() {
        MemoryRecord record = new MemoryRecord("same", collection, "text", new float[] {0.5f, 0.5f},
                Map.of("language", "java"));
        store.upsert(List.of(record));
        store.upsert(List.of(record));

        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(store.search(query(1, 0.5f, 0.5f))).extracting(hit -> hit.record()).containsExactly(record);
    }
}
