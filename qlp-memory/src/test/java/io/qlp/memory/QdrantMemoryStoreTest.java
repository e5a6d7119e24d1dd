package io.qlp.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.AbstractMemoryStoreTest;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.memory.internal.QdrantPoints;
import io.qlp.memory.qdrant.LoopbackQdrant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole memory store contract against the loopback Qdrant over real TCP, plus Qdrant-specific behaviour. */
class QdrantMemoryStoreTest extends AbstractMemoryStoreTest {

    private static LoopbackQdrant qdrant;
    private static QdrantClient admin;

    @BeforeAll
    static void startServer() {
        qdrant = LoopbackQdrant.start();
        admin = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", qdrant.port(), false, false).build());
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        qdrant.close();
    }

    @Override
    protected MemoryStore createStore() {
        qdrant.latency(Duration.ZERO);
        return QdrantMemoryStore.builder().url(qdrant.url()).build();
    }

    @Override
    protected MemoryStore restart(MemoryStore store) {
        store.close();
        return createStore();
    }

    private CollectionInfo info(String qdrantCollection) throws Exception {
        return admin.getCollectionInfoAsync(qdrantCollection).get();
    }

    @Test
    void should_create_a_cosine_collection_with_keyword_indexes_when_first_records_are_upserted() throws Exception {
        store.upsert(List.of(new MemoryRecord("a", collection, "a", new float[] {1f, 0f, 0f}, "model-a",
                Map.of("language", "java"))));

        CollectionInfo info = info("qlp_" + collection);
        VectorParams params = info.getConfig().getParams().getVectorsConfig().getParams();
        assertThat(params.getSize()).isEqualTo(3);
        assertThat(params.getDistance()).isEqualTo(Distance.Cosine);
        assertThat(info.getConfig().getMetadataMap().get("qlp_embedding_model").getStringValue())
                .isEqualTo("model-a");
        assertThat(info.getPayloadSchemaMap()).containsOnlyKeys("metadata.language", "metadata.framework",
                "metadata.tier", "metadata.outcome");
        assertThat(info.getPayloadSchemaMap().values())
                .allSatisfy(schema -> assertThat(schema.getDataType()).isEqualTo(PayloadSchemaType.Keyword));
    }

    @Test
    void should_create_the_missing_keyword_indexes_when_an_upsert_finds_the_collection_without_them()
            throws Exception {
        qdrant.failNextCall("qdrant.Points/CreateFieldIndex",
                Status.INTERNAL.withDescription("Service internal error"));
        assertThatThrownBy(() -> store.upsert(List.of(record("a", 1f, 0f))))
                .isInstanceOf(NonRetriableQlpException.class).hasMessageContaining("keyword index");
        // The collection exists but has no index: the failed upsert stopped right after creating it.
        assertThat(info("qlp_" + collection).getPayloadSchemaMap()).isEmpty();

        store.upsert(List.of(record("a", 1f, 0f)));

        assertThat(info("qlp_" + collection).getPayloadSchemaMap()).containsOnlyKeys("metadata.language",
                "metadata.framework", "metadata.tier", "metadata.outcome");
        assertThat(store.count(collection)).isEqualTo(1);
        int indexCalls = indexCalls();
        store.upsert(List.of(record("b", 0f, 1f)));
        assertThat(indexCalls()).as("indexes are checked once, not on every upsert").isEqualTo(indexCalls);
    }

    private static int indexCalls() {
        return (int) qdrant.calledMethods().stream().filter("qdrant.Points/CreateFieldIndex"::equals).count();
    }

    @Test
    void should_keep_one_point_when_the_same_record_is_upserted_twice() {
        MemoryRecord record = record("same", Map.of("language", "java"), 0.5f, 0.5f);

        store.upsert(List.of(record));
        store.upsert(List.of(record));
        store.upsert(List.of(record, record("other", 1f, 0f)));

        assertThat(store.count(collection)).isEqualTo(2);
        assertThat(QdrantPoints.pointId(collection, "same")).isEqualTo(QdrantPoints.pointId(collection, "same"))
                .isNotEqualTo(QdrantPoints.pointId(collection + "_x", "same"));
        assertThat(store.search(query(5, 0.5f, 0.5f))).extracting(hit -> hit.record()).first().isEqualTo(record);
    }

    @Test
    void should_combine_filters_on_indexed_and_other_metadata_when_searching() {
        store.upsert(List.of(
                record("java-spring-t1", Map.of("language", "java", "framework", "spring", "tier", "T1",
                        "outcome", "validated", "capsule", "c-1"), 1f, 0f),
                record("java-spring-t2", Map.of("language", "java", "framework", "spring", "tier", "T2",
                        "outcome", "validated"), 1f, 0.1f),
                record("java-plain", Map.of("language", "java", "outcome", "validated"), 1f, 0.2f),
                record("python", Map.of("language", "python", "framework", "spring"), 1f, 0f)));

        assertThat(store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10,
                Map.of("language", "java", "framework", "spring"), -1)))
                .extracting(hit -> hit.record().id()).containsExactly("java-spring-t1", "java-spring-t2");
        assertThat(store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10,
                Map.of("tier", "T1", "capsule", "c-1"), -1)))
                .extracting(hit -> hit.record().id()).containsExactly("java-spring-t1");
        assertThat(store.search(new MemoryQuery(collection, new float[] {1f, 0f}, 10,
                Map.of("language", "go"), -1))).isEmpty();
    }

    @Test
    void should_fail_with_embedding_mismatch_when_an_existing_collection_has_another_size() throws Exception {
        admin.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("qlp_" + collection)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(5)
                        .setDistance(Distance.Cosine)))
                .putMetadata("qlp_embedding_model", io.qdrant.client.ValueFactory.value(MemoryRecord.UNNAMED_MODEL))
                .build()).get();

        assertThatThrownBy(() -> store.upsert(List.of(record("a", 1f, 0f, 0f))))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                .hasMessageContaining("dimension 5")
                .hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> store.search(query(1, 1f, 0f, 0f)))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH));
        assertThat(store.count(collection)).isZero();
    }

    @Test
    void should_refuse_the_collection_when_it_was_not_made_by_qlp() throws Exception {
        admin.createCollectionAsync("qlp_" + collection, VectorParams.newBuilder().setSize(2)
                .setDistance(Distance.Cosine).build()).get();

        assertThatThrownBy(() -> store.upsert(List.of(record("a", 1f, 0f))))
                .isInstanceOfSatisfying(NonRetriableQlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("qlp_" + collection)
                .hasMessageContaining("names no embedding model");
    }

    @Test
    void should_refuse_before_calling_the_server_when_the_model_or_dimension_is_not_the_configured_one() {
        int callsBefore = qdrant.calledMethods().size();
        try (MemoryStore fixed = QdrantMemoryStore.builder().url(qdrant.url()).embeddingModel("minilm", 2).build()) {
            assertThatThrownBy(() -> fixed.upsert(List.of(new MemoryRecord("a", collection, "a",
                    new float[] {1f, 0f}, "ada-002", Map.of()))))
                    .isInstanceOfSatisfying(QlpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                    .hasMessageContaining("minilm").hasMessageContaining("ada-002");
            assertThatThrownBy(() -> fixed.search(new MemoryQuery(collection, new float[] {1f, 0f, 0f}, "minilm", 1,
                    Map.of(), -1)))
                    .isInstanceOfSatisfying(QlpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMBEDDING_MISMATCH))
                    .hasMessageContaining("2").hasMessageContaining("3");
            assertThat(qdrant.calledMethods()).hasSize(callsBefore);

            fixed.upsert(List.of(new MemoryRecord("a", collection, "a", new float[] {1f, 0f}, "minilm", Map.of())));
            assertThat(fixed.count(collection)).isEqualTo(1);
        }
    }

    @Test
    void should_prefix_the_collection_name_when_a_prefix_is_configured() throws Exception {
        try (MemoryStore prefixed = QdrantMemoryStore.builder().url(qdrant.url()).collectionPrefix("team_a_")
                .build()) {
            prefixed.upsert(List.of(record("a", 1f, 0f)));

            assertThat(info("team_a_" + collection).getPointsCount()).isEqualTo(1);
            assertThat(store.count(collection)).isZero();
        }
    }

    @Test
    void should_fail_retriably_naming_the_server_when_it_is_down() {
        LoopbackQdrant stopped = LoopbackQdrant.start();
        int port = stopped.port();
        stopped.close();

        try (MemoryStore down = QdrantMemoryStore.builder().url("http://127.0.0.1:" + port)
                .timeout(Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(() -> down.upsert(List.of(record("a", 1f, 0f))))
                    .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_FAILURE);
                        assertThat(e.details()).containsEntry("server", "127.0.0.1:" + port)
                                .containsEntry("status", "UNAVAILABLE");
                    })
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("qlp_" + collection)
                    .hasMessageContaining("UNAVAILABLE");
        }
    }

    @Test
    void should_fail_retriably_when_the_server_answers_after_the_deadline() {
        try (MemoryStore impatient = QdrantMemoryStore.builder().url(qdrant.url()).timeout(Duration.ofMillis(200))
                .build()) {
            qdrant.latency(Duration.ofSeconds(1));

            assertThatThrownBy(() -> impatient.count(collection))
                    .isInstanceOfSatisfying(RetriableQlpException.class,
                            e -> assertThat(e.details()).containsEntry("status", "DEADLINE_EXCEEDED"))
                    .hasMessageContaining("127.0.0.1:" + qdrant.port())
                    .hasMessageContaining("DEADLINE_EXCEEDED");
        } finally {
            qdrant.latency(Duration.ZERO);
        }
    }

    @Test
    void should_map_to_retriable_or_non_retriable_when_the_server_answers_rate_limit_or_internal_error() {
        qdrant.failNextCall(Status.RESOURCE_EXHAUSTED.withDescription("Rate limiting exceeded"));
        assertThatThrownBy(() -> store.count(collection)).isInstanceOf(RetriableQlpException.class)
                .hasMessageContaining("RESOURCE_EXHAUSTED").hasMessageContaining("Rate limiting exceeded");

        qdrant.failNextCall(Status.INTERNAL.withDescription("Service internal error"));
        assertThatThrownBy(() -> store.count(collection)).isInstanceOf(NonRetriableQlpException.class)
                .hasMessageContaining("INTERNAL");
    }

    @Test
    void should_send_the_api_key_header_on_every_call_when_a_key_is_configured() {
        try (LoopbackQdrant guarded = LoopbackQdrant.startWithApiKey("s3cret-key");
             MemoryStore keyed = QdrantMemoryStore.builder().url(guarded.url()).apiKey("s3cret-key").build();
             MemoryStore keyless = QdrantMemoryStore.builder().url(guarded.url()).build()) {
            keyed.upsert(List.of(record("a", 1f, 0f)));
            assertThat(keyed.search(query(1, 1f, 0f))).hasSize(1);

            assertThat(guarded.receivedApiKeys()).hasSize(guarded.calledMethods().size())
                    .containsOnly("s3cret-key");
            assertThatThrownBy(() -> keyless.count(collection))
                    .isInstanceOf(NonRetriableQlpException.class)
                    .hasMessageContaining("PERMISSION_DENIED")
                    .hasMessageContaining("check the API key");
        }
    }

    @Test
    void should_read_nothing_then_recreate_it_when_the_collection_was_deleted_behind_its_back() throws Exception {
        store.upsert(List.of(record("a", 1f, 0f)));
        admin.deleteCollectionAsync("qlp_" + collection).get();

        assertThat(store.search(query(1, 1f, 0f))).isEmpty();
        assertThat(store.count(collection)).isZero();
        store.upsert(List.of(record("b", 0f, 1f)));

        assertThat(store.count(collection)).isEqualTo(1);
        assertThat(info("qlp_" + collection).getPayloadSchemaMap()).containsKey("metadata.language");
    }

    @Test
    void should_recreate_the_collection_when_it_is_deleted_between_two_upserts() throws Exception {
        store.upsert(List.of(record("a", 1f, 0f)));
        admin.deleteCollectionAsync("qlp_" + collection).get();

        store.upsert(List.of(record("b", 0f, 1f)));

        assertThat(store.count(collection)).isEqualTo(1);
    }

    @Test
    void should_reject_the_call_when_a_name_metadata_key_or_vector_cannot_be_held_by_qdrant() {
        assertThatThrownBy(() -> store.upsert(List.of(new MemoryRecord("a", "bad/name", "a", new float[] {1f},
                Map.of())))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad/name");
        assertThatThrownBy(() -> store.upsert(List.of(record("a", Map.of("a.b", "x"), 1f, 0f))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.b");
        assertThatThrownBy(() -> store.search(query(1, 0f, 0f))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero vector");
        assertThat(store.count(collection)).isZero();
    }

    @Test
    void should_configure_the_store_or_name_the_bad_key_when_the_factory_is_found_by_name() {
        MemoryStoreFactory factory = ServiceProviders.load(MemoryStoreFactory.class, "qdrant");
        try (MemoryStore built = factory.create(ProviderConfig.of(Map.of("url", qdrant.url(), "timeout", "5s",
                "collection-prefix", "factory_", "embedding-model", "m", "dimension", "2")))) {
            built.upsert(List.of(new MemoryRecord("a", collection, "a", new float[] {1f, 0f}, "m", Map.of())));
            assertThat(built.count(collection)).isEqualTo(1);
        }
        assertThatThrownBy(() -> factory.create(ProviderConfig.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'url'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("url", qdrant.url(), "dimension", "2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding-model");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("url", qdrant.url(), "timeout", "soon"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void should_reject_the_builder_option_when_it_is_bad_or_clashing() {
        assertThatThrownBy(() -> QdrantMemoryStore.builder().url("ftp://host")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("ftp://host");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().url("http://h:1").host("h"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> QdrantMemoryStore.builder().url("http://h:1").port(2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().url("https://h").tls(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tls");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().timeout(Duration.ofSeconds(1))
                .timeout(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> QdrantMemoryStore.builder().collectionPrefix("a.b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.b");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().port(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> QdrantMemoryStore.builder().build()).isInstanceOf(IllegalStateException.class);
        try (QdrantMemoryStore byHost = QdrantMemoryStore.builder().host("127.0.0.1").build()) {
            assertThat(byHost.server()).isEqualTo("127.0.0.1:" + QdrantMemoryStore.DEFAULT_PORT);
        }
    }
}
