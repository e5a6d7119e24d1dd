package io.qlp.memory.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendInput;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.PayloadIncludeSelector;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback Qdrant itself, driven by the official client: each case is behaviour Qdrant documents for the calls
 * QLP makes, or the {@code UNIMPLEMENTED} answer for what it does not model.
 */
class LoopbackQdrantTest {

    private LoopbackQdrant server;
    private QdrantClient client;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackQdrant.start();
        client = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", server.port(), false, false).build());
        client.createCollectionAsync("c", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build())
                .get();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static PointStruct point(long id, Map<String, Value> payload, float... vector) {
        return PointStruct.newBuilder().setId(id(id)).setVectors(VectorsFactory.vectors(vector))
                .putAllPayload(payload).build();
    }

    private static Status.Code codeOf(Future<?> call) {
        try {
            call.get();
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    private List<ScoredPoint> nearest(Filter filter, float... vector) throws Exception {
        return client.queryAsync(QueryPoints.newBuilder().setCollectionName("c").setQuery(QueryFactory.nearest(vector))
                .setFilter(filter).setWithPayload(WithPayloadSelectorFactory.enable(true)).build()).get();
    }

    @Test
    void should_answer_already_exists_when_creating_a_collection_twice() {
        assertThat(codeOf(client.createCollectionAsync("c", VectorParams.newBuilder().setSize(3)
                .setDistance(Distance.Cosine).build()))).isEqualTo(Status.Code.ALREADY_EXISTS);
    }

    @Test
    void should_list_and_delete_collections_when_asked_over_grpc() throws Exception {
        client.createCollectionAsync("b", VectorParams.newBuilder().setSize(1).setDistance(Distance.Dot).build())
                .get();

        assertThat(client.listCollectionsAsync().get()).containsExactly("b", "c");
        assertThat(client.deleteCollectionAsync("b").get().getResult()).isTrue();
        // Qdrant answers false for a collection it does not have; the client's helper turns that into an exception.
        assertThat(client.grpcClient().collections().delete(io.qdrant.client.grpc.Collections.DeleteCollection
                .newBuilder().setCollectionName("b").build()).get().getResult()).isFalse();
        assertThat(client.listCollectionsAsync().get()).containsExactly("c");
    }

    @Test
    void should_answer_not_found_when_the_collection_is_unknown() throws Exception {
        assertThat(codeOf(client.getCollectionInfoAsync("missing"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(client.countAsync("missing"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(client.upsertAsync("missing", List.of(point(1, Map.of(), 1f, 0f)))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(client.collectionExistsAsync("missing").get()).isFalse();
        assertThat(client.collectionExistsAsync("c").get()).isTrue();
    }

    @Test
    void should_store_nothing_of_the_batch_when_a_vector_has_another_dimension() throws Exception {
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                client.upsertAsync("c", List.of(point(1, Map.of(), 1f, 0f), point(2, Map.of(), 1f, 0f, 0f))).get());

        Status status = Status.fromThrowable(failure.getCause());
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("Wrong input: Vector dimension error: expected dim: 2, got 3");
        assertThat(client.countAsync("c").get()).isZero();
    }

    @Test
    void should_normalise_cosine_vectors_and_replace_the_point_when_the_same_id_is_upserted_again() throws Exception {
        client.upsertAsync("c", List.of(point(7, Map.of("v", value("1")), 3f, 4f))).get();
        client.upsertAsync("c", List.of(point(7, Map.of("v", value("2")), 6f, 8f))).get();

        List<RetrievedPoint> points = client.retrieveAsync("c", List.of(id(7)),
                WithPayloadSelectorFactory.enable(true), WithVectorsSelectorFactory.enable(true), null).get();

        assertThat(points).hasSize(1);
        assertThat(points.get(0).getPayloadMap()).containsOnlyKeys("v");
        assertThat(points.get(0).getPayloadMap().get("v").getStringValue()).isEqualTo("2");
        assertThat(points.get(0).getVectors().getVector().getDense().getDataList()).containsExactly(0.6f, 0.8f);
        assertThat(client.countAsync("c").get()).isEqualTo(1);
    }

    @Test
    void should_keep_one_point_when_the_same_uuid_is_written_in_another_case() throws Exception {
        UUID uuid = UUID.randomUUID();
        client.upsertAsync("c", List.of(PointStruct.newBuilder()
                .setId(io.qdrant.client.grpc.Common.PointId.newBuilder().setUuid(uuid.toString().toUpperCase()))
                .setVectors(VectorsFactory.vectors(1f, 0f)).build())).get();
        client.upsertAsync("c", List.of(PointStruct.newBuilder().setId(id(uuid))
                .setVectors(VectorsFactory.vectors(0f, 1f)).build())).get();

        assertThat(client.countAsync("c").get()).isEqualTo(1);
    }

    @Test
    void should_rank_by_cosine_and_apply_limit_offset_and_threshold_when_querying() throws Exception {
        client.upsertAsync("c", List.of(point(1, Map.of(), 1f, 0f), point(2, Map.of(), 1f, 1f),
                point(3, Map.of(), 0f, 1f), point(4, Map.of(), -1f, 0f))).get();

        List<ScoredPoint> all = nearest(Filter.getDefaultInstance(), 2f, 0f);
        assertThat(all).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all.get(0).getScore()).isCloseTo(1f, within(1e-6f));
        assertThat(all.get(1).getScore()).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(all.get(3).getScore()).isCloseTo(-1f, within(1e-6f));

        List<ScoredPoint> page = client.queryAsync(QueryPoints.newBuilder().setCollectionName("c")
                .setQuery(QueryFactory.nearest(1f, 0f)).setLimit(2).setOffset(1).setScoreThreshold(0.5f).build())
                .get();
        assertThat(page).extracting(p -> p.getId().getNum()).containsExactly(2L);
        assertThat(page.get(0).getPayloadMap()).as("query returns no payload unless asked").isEmpty();
    }

    @Test
    void should_return_ten_hits_when_a_query_sets_no_limit() throws Exception {
        for (int i = 1; i <= 12; i++) {
            client.upsertAsync("c", List.of(point(i, Map.of(), 1f, i))).get();
        }
        assertThat(nearest(Filter.getDefaultInstance(), 1f, 0f)).hasSize(10);
    }

    @Test
    void should_filter_on_nested_payload_paths_when_must_must_not_and_should_are_given() throws Exception {
        Map<String, Value> javaSpring = Map.of("metadata", value(Map.of("language", value("java"),
                "framework", value("spring"))));
        Map<String, Value> java = Map.of("metadata", value(Map.of("language", value("java"))));
        Map<String, Value> tags = Map.of("metadata", value(Map.of("language", value(List.of(value("python"),
                value("java"))))));
        client.upsertAsync("c", List.of(point(1, javaSpring, 1f, 0f), point(2, java, 1f, 0f),
                point(3, tags, 1f, 0f), point(4, Map.of(), 1f, 0f))).get();

        assertThat(nearest(Filter.newBuilder().addMust(matchKeyword("metadata.language", "java")).build(), 1f, 0f))
                .extracting(p -> p.getId().getNum()).containsExactly(1L, 2L, 3L);
        assertThat(nearest(Filter.newBuilder().addMust(matchKeyword("metadata.language", "java"))
                .addMustNot(matchKeyword("metadata.framework", "spring")).build(), 1f, 0f))
                .extracting(p -> p.getId().getNum()).containsExactly(2L, 3L);
        assertThat(nearest(Filter.newBuilder().addShould(matchKeyword("metadata.framework", "spring"))
                .addShould(matchKeyword("metadata.language", "python")).build(), 1f, 0f))
                .extracting(p -> p.getId().getNum()).containsExactly(1L, 3L);
        assertThat(nearest(Filter.newBuilder().addMust(matchKeyword("language", "java")).build(), 1f, 0f))
                .as("a top-level key does not reach a nested one").isEmpty();
        assertThat(client.countAsync("c", Filter.newBuilder().addMust(matchKeyword("metadata.language", "java"))
                .build(), true).get()).isEqualTo(3);
    }

    @Test
    void should_delete_listed_points_and_ignore_the_missing_ones_when_deleting_by_id() throws Exception {
        client.upsertAsync("c", List.of(point(1, Map.of(), 1f, 0f), point(2, Map.of(), 0f, 1f))).get();

        assertThat(client.deleteAsync("c", List.of(id(1), id(99))).get().getStatus())
                .isEqualTo(UpdateStatus.Completed);

        assertThat(client.retrieveAsync("c", List.of(id(1), id(2), id(99)), null).get())
                .extracting(p -> p.getId().getNum()).containsExactly(2L);
    }

    @Test
    void should_acknowledge_without_completing_when_the_caller_does_not_wait() throws Exception {
        assertThat(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("c").setWait(false)
                .addPoints(point(1, Map.of(), 1f, 0f)).build()).get().getStatus())
                .isEqualTo(UpdateStatus.Acknowledged);
        assertThat(client.upsertAsync("c", List.of(point(2, Map.of(), 1f, 0f))).get().getStatus())
                .as("the client waits by default").isEqualTo(UpdateStatus.Completed);
    }

    @Test
    void should_list_keyword_indexes_in_the_collection_info_when_they_were_created() throws Exception {
        client.createPayloadIndexAsync("c", "metadata.language",
                io.qdrant.client.grpc.Collections.PayloadSchemaType.Keyword, null, true, null, null).get();

        assertThat(client.getCollectionInfoAsync("c").get().getPayloadSchemaMap()).containsOnlyKeys(
                "metadata.language");
    }

    @Test
    void should_answer_unimplemented_when_a_call_is_not_modelled() {
        assertThat(codeOf(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName("c").build())))
                .isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(codeOf(client.queryAsync(QueryPoints.newBuilder().setCollectionName("c")
                .setQuery(io.qdrant.client.grpc.Points.Query.newBuilder()
                        .setRecommend(RecommendInput.getDefaultInstance())).build())))
                .isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(codeOf(client.queryAsync(QueryPoints.newBuilder().setCollectionName("c")
                .setQuery(QueryFactory.nearest(1f, 0f)).setWithPayload(WithPayloadSelector.newBuilder()
                        .setInclude(PayloadIncludeSelector.newBuilder().addFields("a"))).build())))
                .isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(codeOf(client.createCollectionAsync("e", VectorParams.newBuilder().setSize(2)
                .setDistance(Distance.Euclid).build()))).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(codeOf(client.listAliasesAsync())).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void should_answer_permission_denied_when_the_api_key_is_missing_or_wrong() throws Exception {
        try (LoopbackQdrant guarded = LoopbackQdrant.startWithApiKey("k1");
             QdrantClient wrong = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", guarded.port(), false,
                     false).withApiKey("k2").build());
             QdrantClient right = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", guarded.port(), false,
                     false).withApiKey("k1").build())) {
            assertThat(codeOf(wrong.collectionExistsAsync("c"))).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(right.collectionExistsAsync("c").get()).isFalse();
            assertThat(guarded.receivedApiKeys()).containsExactly("k2", "k1");
        }
    }

    @Test
    void should_report_its_version_when_the_health_check_is_called() throws Exception {
        assertThat(client.healthCheckAsync().get().getVersion()).isEqualTo(LoopbackQdrant.VERSION);
    }
}
