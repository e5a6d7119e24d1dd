package io.qlp.memory.qdrant;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qlp.memory.qdrant.FakeQdrantData.FakeCollection;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Qdrant's {@code qdrant.Collections} service for the loopback server: {@code Create}, {@code Get},
 * {@code List}, {@code Delete} and {@code CollectionExists}. Every other method keeps the generated base's
 * {@code UNIMPLEMENTED} answer.
 */
final class FakeCollectionsService extends CollectionsGrpc.CollectionsImplBase {

    /** Characters Qdrant refuses in collection names (they would be unsafe as a folder name). */
    private static final Pattern FORBIDDEN = Pattern.compile("[<>:\"/\\\\|?*\\x00]");

    private final FakeQdrantData data;

    FakeCollectionsService(FakeQdrantData data) {
        this.data = data;
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        answer(observer, () -> {
            String name = request.getCollectionName();
            if (name.isEmpty() || name.length() > 255 || FORBIDDEN.matcher(name).find()) {
                throw FakeQdrantData.invalid("Validation error in body: collection_name: invalid name '" + name
                        + "'");
            }
            if (request.hasShardNumber() || request.hasReplicationFactor() || request.hasShardingMethod()
                    || request.hasSparseVectorsConfig() || request.hasQuantizationConfig()) {
                throw FakeQdrantData.unimplemented("sharding, replication, sparse vectors and quantization are "
                        + "not modelled");
            }
            VectorsConfig config = request.getVectorsConfig();
            if (!config.hasParams()) {
                throw FakeQdrantData.unimplemented("only one unnamed dense vector per point is modelled");
            }
            VectorParams params = config.getParams();
            if (params.getSize() < 1) {
                throw FakeQdrantData.invalid("Validation error in body: vectors_config.size: value 0 invalid, "
                        + "must be 1 or more");
            }
            if (params.getDistance() != Distance.Cosine && params.getDistance() != Distance.Dot) {
                throw FakeQdrantData.unimplemented("distance " + params.getDistance() + " is not modelled");
            }
            FakeCollection created = new FakeCollection(name, (int) params.getSize(), params.getDistance(),
                    request.getMetadataMap());
            if (data.collections.putIfAbsent(name, created) != null) {
                throw new StatusRuntimeException(io.grpc.Status.ALREADY_EXISTS.withDescription(
                        "Wrong input: Collection `" + name + "` already exists!"));
            }
            return CollectionOperationResponse.newBuilder().setResult(true).build();
        });
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
        answer(observer, () -> {
            FakeCollection collection = data.collection(request.getCollectionName());
            synchronized (collection) {
                CollectionInfo.Builder info = CollectionInfo.newBuilder()
                        .setStatus(CollectionStatus.Green)
                        .setSegmentsCount(1)
                        .setPointsCount(collection.points.size())
                        .setIndexedVectorsCount(0)
                        .setConfig(CollectionConfig.newBuilder()
                                .setParams(CollectionParams.newBuilder().setShardNumber(1)
                                        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                                                .setSize(collection.size).setDistance(collection.distance))))
                                .putAllMetadata(collection.metadata));
                for (String field : collection.keywordIndexes) {
                    info.putPayloadSchema(field, PayloadSchemaInfo.newBuilder()
                            .setDataType(PayloadSchemaType.Keyword).build());
                }
                return GetCollectionInfoResponse.newBuilder().setResult(info).build();
            }
        });
    }

    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
        // Qdrant answers true when it removed a collection and false when there was none.
        answer(observer, () -> CollectionOperationResponse.newBuilder()
                .setResult(data.collections.remove(request.getCollectionName()) != null).build());
    }

    @Override
    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
        answer(observer, () -> {
            ListCollectionsResponse.Builder response = ListCollectionsResponse.newBuilder();
            new TreeSet<>(data.collections.keySet()).forEach(name ->
                    response.addCollections(CollectionDescription.newBuilder().setName(name)));
            return response.build();
        });
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
        answer(observer, () -> CollectionExistsResponse.newBuilder().setResult(CollectionExists.newBuilder()
                .setExists(data.collections.containsKey(request.getCollectionName()))).build());
    }

    static <T> void answer(StreamObserver<T> observer, Supplier<T> handler) {
        T response;
        try {
            response = handler.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
