package io.qlp.memory.internal;

import static io.qdrant.client.ValueFactory.value;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Points of QLP's Qdrant collections. A record becomes one point whose id is a name-based UUID of its collection and
 * id, so upserting the same record again replaces the point instead of adding one. The payload keeps the record's
 * id, text, embedding model, exact vector (Qdrant normalises cosine vectors on upload) and metadata
 * ({@code metadata.<key>}). Writes wait until Qdrant has applied them ({@code wait=true}).
 *
 * <p>Example: {@code points.upsert("qlp_code_patterns", records)}
 */
public final class QdrantPoints {

    /** Most points sent in one upsert request. */
    public static final int BATCH_SIZE = 256;

    static final String ID = "qlp_id";
    static final String TEXT = "qlp_text";
    static final String MODEL = "qlp_model";
    static final String VECTOR = "qlp_vector";

    private final QdrantGrpcClient grpc;
    private final QdrantCalls calls;

    /** Points reached through {@code grpc}, every call bounded by {@code calls}. */
    public QdrantPoints(QdrantGrpcClient grpc, QdrantCalls calls) {
        this.grpc = grpc;
        this.calls = calls;
    }

    /** The point id of a record: a UUID (version 3) of the memory collection name and the record id. */
    public static UUID pointId(String collection, String id) {
        return UUID.nameUUIDFromBytes(("qlp-memory:" + collection + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The point a record becomes; its metadata keys were checked with {@link QdrantFilters#requireKey}. */
    public static PointStruct point(MemoryRecord record) {
        List<Value> vector = new ArrayList<>(record.dimension());
        for (float component : record.vector()) {
            vector.add(value(component));
        }
        Map<String, Value> metadata = new LinkedHashMap<>();
        // Keys were checked by the store's upsert before any call.
        record.metadata().forEach((key, text) -> metadata.put(key, value(text)));
        return PointStruct.newBuilder()
                .setId(PointIdFactory.id(pointId(record.collection(), record.id())))
                .setVectors(VectorsFactory.vectors(record.vector()))
                .putPayload(ID, value(record.id()))
                .putPayload(TEXT, value(record.text()))
                .putPayload(MODEL, value(record.embeddingModel()))
                .putPayload(VECTOR, value(vector))
                .putPayload(QdrantFilters.METADATA_FIELD, value(metadata))
                .build();
    }

    /**
     * The record a point's payload holds.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#STORE_FAILURE} when the payload is not one QLP wrote
     */
    public static MemoryRecord record(String collection, String qdrantCollection, Map<String, Value> payload) {
        Value id = payload.get(ID);
        Value text = payload.get(TEXT);
        Value model = payload.get(MODEL);
        Value vector = payload.get(VECTOR);
        if (id == null || !id.hasStringValue() || text == null || !text.hasStringValue() || model == null
                || !model.hasStringValue() || vector == null || !vector.hasListValue()) {
            throw new NonRetriableQlpException(ErrorCode.STORE_FAILURE, "a point in Qdrant collection '"
                    + qdrantCollection + "' was not written by QLP (payload fields " + payload.keySet()
                    + "); keep QLP's collections to QLP", Map.of("collection", qdrantCollection));
        }
        List<Value> components = vector.getListValue().getValuesList();
        float[] values = new float[components.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) components.get(i).getDoubleValue();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Value stored = payload.get(QdrantFilters.METADATA_FIELD);
        if (stored != null && stored.hasStructValue()) {
            stored.getStructValue().getFieldsMap().forEach((key, entry) -> metadata.put(key, entry.getStringValue()));
        }
        return new MemoryRecord(id.getStringValue(), collection, text.getStringValue(), values,
                model.getStringValue(), metadata);
    }

    /** Writes the records of one collection, {@value #BATCH_SIZE} points a request, each applied before the next. */
    public void upsert(String qdrantCollection, List<MemoryRecord> records) {
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            List<MemoryRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH_SIZE));
            UpsertPoints.Builder request = UpsertPoints.newBuilder().setCollectionName(qdrantCollection).setWait(true);
            batch.forEach(record -> request.addPoints(point(record)));
            UpdateResult result = calls.call("upsert " + batch.size() + " points", qdrantCollection, deadline ->
                    grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                            .upsert(request.build())).getResult();
            requireCompleted(result, "upsert", qdrantCollection);
        }
    }

    /** The nearest points matching the query's filter, best first, or null when the collection does not exist. */
    public @Nullable List<MemoryHit> search(String qdrantCollection, MemoryQuery query) {
        QueryPoints.Builder request = QueryPoints.newBuilder()
                .setCollectionName(qdrantCollection)
                .setQuery(QueryFactory.nearest(query.vector()))
                .setFilter(QdrantFilters.of(query.filter()))
                .setLimit(query.topK())
                .setWithPayload(WithPayloadSelectorFactory.enable(true))
                .setWithVectors(WithVectorsSelectorFactory.enable(false));
        if (query.minScore() > -1.0) {
            // Cosine scores are at least -1, so a lower bound at or below it filters nothing; leaving it out keeps
            // opposite vectors whose float score rounds just below -1.
            request.setScoreThreshold((float) query.minScore());
        }
        List<ScoredPoint> points = calls.callUnlessNotFound("search", qdrantCollection, deadline ->
                Futures.transform(
                        grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                                .query(request.build()),
                        response -> response.getResultList(),
                        MoreExecutors.directExecutor()));
        if (points == null) {
            return null;
        }
        List<MemoryHit> hits = new ArrayList<>(points.size());
        for (ScoredPoint point : points) {
            hits.add(new MemoryHit(record(query.collection(), qdrantCollection, point.getPayloadMap()),
                    point.getScore()));
        }
        return hits;
    }

    /** How many points the collection holds, counted exactly, or null when it does not exist. */
    public @Nullable Long count(String qdrantCollection) {
        CountPoints request = CountPoints.newBuilder().setCollectionName(qdrantCollection).setExact(true).build();
        return calls.callUnlessNotFound("count points", qdrantCollection, deadline ->
                Futures.transform(
                        grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).count(request),
                        response -> response.getResult().getCount(),
                        MoreExecutors.directExecutor()));
    }

    /**
     * Deletes the records of {@code ids} and returns how many existed; 0 when the collection does not exist. Existence
     * is read just before the delete, so a concurrent writer can make the count differ by its own changes.
     */
    public int delete(String collection, String qdrantCollection, Collection<String> ids) {
        Set<PointId> wanted = new LinkedHashSet<>();
        ids.forEach(id -> wanted.add(PointIdFactory.id(pointId(collection, id))));
        if (wanted.isEmpty()) {
            return 0;
        }
        GetPoints get = GetPoints.newBuilder().setCollectionName(qdrantCollection).addAllIds(wanted)
                .setWithPayload(WithPayloadSelectorFactory.enable(false))
                .setWithVectors(WithVectorsSelectorFactory.enable(false)).build();
        List<PointId> existing = calls.callUnlessNotFound("read " + wanted.size() + " points", qdrantCollection,
                deadline -> Futures.transform(
                        grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).get(get),
                        response -> response.getResultList().stream().map(point -> point.getId()).toList(),
                        MoreExecutors.directExecutor()));
        if (existing == null || existing.isEmpty()) {
            return 0;
        }
        DeletePoints delete = DeletePoints.newBuilder().setCollectionName(qdrantCollection).setWait(true)
                .setPoints(PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addAllIds(existing)))
                .build();
        UpdateResult result = calls.call("delete " + existing.size() + " points", qdrantCollection, deadline ->
                grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).delete(delete))
                .getResult();
        requireCompleted(result, "delete", qdrantCollection);
        return existing.size();
    }

    private void requireCompleted(UpdateResult result, String operation, String qdrantCollection) {
        if (result.getStatus() != UpdateStatus.Completed) {
            // With wait=true Qdrant answers Completed; anything else means the write may not be visible yet.
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "Qdrant at " + calls.server()
                    + " answered " + operation + " in collection '" + qdrantCollection + "' with status "
                    + result.getStatus() + " instead of Completed", ErrorContext.empty(),
                    Map.of("server", calls.server(), "collection", qdrantCollection,
                            "status", result.getStatus().name()), null);
        }
    }
}
