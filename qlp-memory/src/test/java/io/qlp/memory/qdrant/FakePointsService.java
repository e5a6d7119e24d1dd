package io.qlp.memory.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import io.qdrant.client.grpc.PointsGrpc;
import io.qlp.memory.qdrant.FakeQdrantData.FakeCollection;
import io.qlp.memory.qdrant.FakeQdrantData.StoredPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Qdrant's {@code qdrant.Points} service for the loopback server: {@code Upsert}, {@code Delete}, {@code Get},
 * {@code Count}, {@code Query} (nearest to one dense vector, with filter, score threshold, limit and offset) and
 * {@code CreateFieldIndex} (keyword). Every other method keeps the generated base's {@code UNIMPLEMENTED} answer.
 */
final class FakePointsService extends PointsGrpc.PointsImplBase {

    /** Qdrant's default number of results when a query sets no limit. */
    private static final int DEFAULT_LIMIT = 10;

    private final FakeQdrantData data;
    private final AtomicLong operations = new AtomicLong();

    FakePointsService(FakeQdrantData data) {
        this.data = data;
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            if (request.hasUpdateFilter() || request.hasUpdateMode() || request.hasShardKeySelector()) {
                throw FakeQdrantData.unimplemented("conditional upserts and shard keys are not modelled");
            }
            synchronized (collection) {
                // Every point is checked before any is stored.
                List<StoredPoint> converted = new ArrayList<>();
                for (PointStruct point : request.getPointsList()) {
                    FakeQdrantData.key(point.getId());
                    if (!point.hasVectors() || !point.getVectors().hasVector()) {
                        throw FakeQdrantData.invalid("Wrong input: Not existing vector name error: point needs the "
                                + "collection's unnamed vector");
                    }
                    float[] vector = FakeQdrantData.dense(point.getVectors().getVector());
                    collection.requireDimension(vector.length);
                    converted.add(new StoredPoint(point.getId(), collection.stored(vector), point.getPayloadMap()));
                }
                for (StoredPoint point : converted) {
                    collection.points.put(FakeQdrantData.key(point.id()), point);
                }
            }
            return updated(request.getWait());
        });
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            synchronized (collection) {
                switch (request.getPoints().getPointsSelectorOneOfCase()) {
                    case POINTS -> request.getPoints().getPoints().getIdsList()
                            .forEach(id -> collection.points.remove(FakeQdrantData.key(id)));
                    case FILTER -> collection.points.values()
                            .removeIf(point -> FakeQdrantData.matches(request.getPoints().getFilter(), point));
                    default -> throw FakeQdrantData.invalid("Wrong input: points selector is not set");
                }
            }
            return updated(request.getWait());
        });
    }

    @Override
    public void get(GetPoints request, StreamObserver<GetResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            boolean payload = withPayload(request.hasWithPayload() ? request.getWithPayload() : null, true);
            boolean vectors = withVectors(request.hasWithVectors() ? request.getWithVectors() : null);
            GetResponse.Builder response = GetResponse.newBuilder();
            synchronized (collection) {
                for (PointId id : request.getIdsList()) {
                    StoredPoint point = collection.points.get(FakeQdrantData.key(id));
                    if (point == null) {
                        continue; // Qdrant leaves out ids it does not have
                    }
                    RetrievedPoint.Builder retrieved = RetrievedPoint.newBuilder().setId(point.id());
                    if (payload) {
                        retrieved.putAllPayload(point.payload());
                    }
                    if (vectors) {
                        retrieved.setVectors(output(point.vector()));
                    }
                    response.addResult(retrieved);
                }
            }
            return response.build();
        });
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            long count;
            synchronized (collection) {
                count = collection.points.values().stream()
                        .filter(point -> FakeQdrantData.matches(request.hasFilter() ? request.getFilter() : null,
                                point))
                        .count();
            }
            return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(count)).build();
        });
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            if (request.getPrefetchCount() > 0 || request.hasUsing() || request.hasLookupFrom()
                    || request.hasShardKeySelector()) {
                throw FakeQdrantData.unimplemented("prefetch, named vectors, lookup_from and shard keys are not "
                        + "modelled");
            }
            if (!request.hasQuery() || request.getQuery().getVariantCase() != Query.VariantCase.NEAREST) {
                throw FakeQdrantData.unimplemented("only a nearest query is modelled");
            }
            VectorInput input = request.getQuery().getNearest();
            if (input.getVariantCase() != VectorInput.VariantCase.DENSE) {
                throw FakeQdrantData.unimplemented("only a dense query vector is modelled, got "
                        + input.getVariantCase());
            }
            DenseVector dense = input.getDense();
            float[] query = new float[dense.getDataCount()];
            for (int i = 0; i < query.length; i++) {
                query[i] = dense.getData(i);
            }
            collection.requireDimension(query.length);
            boolean payload = withPayload(request.hasWithPayload() ? request.getWithPayload() : null, false);
            boolean vectors = withVectors(request.hasWithVectors() ? request.getWithVectors() : null);
            long limit = request.hasLimit() ? request.getLimit() : DEFAULT_LIMIT;
            long offset = request.hasOffset() ? request.getOffset() : 0;
            List<ScoredPoint> scored = new ArrayList<>();
            synchronized (collection) {
                for (StoredPoint point : collection.points.values()) {
                    if (!FakeQdrantData.matches(request.hasFilter() ? request.getFilter() : null, point)) {
                        continue;
                    }
                    float score = collection.score(query, point.vector());
                    if (request.hasScoreThreshold() && score < request.getScoreThreshold()) {
                        continue;
                    }
                    ScoredPoint.Builder hit = ScoredPoint.newBuilder().setId(point.id()).setScore(score)
                            .setVersion(0);
                    if (payload) {
                        hit.putAllPayload(point.payload());
                    }
                    if (vectors) {
                        hit.setVectors(output(point.vector()));
                    }
                    scored.add(hit.build());
                }
            }
            List<ScoredPoint> best = scored.stream()
                    .sorted(Comparator.comparingDouble(ScoredPoint::getScore).reversed()
                            .thenComparing(point -> FakeQdrantData.key(point.getId())))
                    .skip(offset).limit(limit).toList();
            return QueryResponse.newBuilder().addAllResult(best).build();
        });
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request,
                                 StreamObserver<PointsOperationResponse> observer) {
        FakeCollectionsService.answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            if (request.hasFieldType() && request.getFieldType() != FieldType.FieldTypeKeyword
                    || request.hasFieldIndexParams()) {
                throw FakeQdrantData.unimplemented("only keyword indexes without parameters are modelled");
            }
            synchronized (collection) {
                collection.keywordIndexes.add(request.getFieldName());
            }
            return updated(request.getWait());
        });
    }

    private PointsOperationResponse updated(boolean wait) {
        // Everything is applied before answering; Qdrant says Acknowledged when the caller did not ask to wait.
        return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                .setOperationId(operations.incrementAndGet())
                .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged)).build();
    }

    private static boolean withPayload(WithPayloadSelector selector, boolean fallback) {
        if (selector == null) {
            return fallback;
        }
        if (selector.getSelectorOptionsCase() != WithPayloadSelector.SelectorOptionsCase.ENABLE) {
            throw FakeQdrantData.unimplemented("payload include/exclude selectors are not modelled");
        }
        return selector.getEnable();
    }

    private static boolean withVectors(WithVectorsSelector selector) {
        if (selector == null) {
            return false;
        }
        if (selector.getSelectorOptionsCase() != WithVectorsSelector.SelectorOptionsCase.ENABLE) {
            throw FakeQdrantData.unimplemented("vector include selectors are not modelled");
        }
        return selector.getEnable();
    }

    private static VectorsOutput output(float[] vector) {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float v : vector) {
            dense.addData(v);
        }
        return VectorsOutput.newBuilder().setVector(VectorOutput.newBuilder().setDense(dense)).build();
    }
}
