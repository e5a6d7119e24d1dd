package io.qlp.memory.internal;

import static io.qdrant.client.ValueFactory.value;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * QLP's collections in one Qdrant server: memory collection {@code code_patterns} lives in Qdrant collection
 * {@code <prefix>code_patterns}. A collection is created on its first record with that record's dimension, cosine
 * distance, the embedding model's id in the collection's metadata, and keyword payload indexes for the filters QLP
 * uses ({@link #INDEXED_KEYS}). Shapes read from the server are cached; {@link #forget} drops one after the
 * collection disappeared.
 *
 * <p>Example: {@code CollectionShape shape = collections.ensure("code_patterns", new CollectionShape(384, "minilm"))}
 */
public final class QdrantCollections {

    /** Metadata keys that get a keyword payload index. */
    public static final List<String> INDEXED_KEYS = List.of("language", "framework", "tier", "outcome");
    /** Key of the embedding model's id in a collection's metadata. */
    public static final String MODEL_METADATA = "qlp_embedding_model";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final QdrantGrpcClient grpc;
    private final QdrantCalls calls;
    private final String prefix;
    private final Map<String, CollectionShape> shapes = new ConcurrentHashMap<>();
    private final Map<String, Object> creationLocks = new ConcurrentHashMap<>();
    /** Collections whose keyword indexes are known to exist. */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    /** Collections named {@code prefix + name}, reached through {@code grpc}, every call bounded by {@code calls}. */
    public QdrantCollections(QdrantGrpcClient grpc, QdrantCalls calls, String prefix) {
        this.grpc = grpc;
        this.calls = calls;
        this.prefix = prefix;
    }

    /**
     * The Qdrant collection of a memory collection.
     *
     * @throws IllegalArgumentException naming the collection when it is not 1 to 128 letters, digits, '_' or '-'
     */
    public String qdrantName(String collection) {
        if (!NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("memory collection '" + collection + "' cannot be stored in Qdrant: "
                    + "use 1 to 128 letters, digits, '_' or '-'");
        }
        return prefix + collection;
    }

    /** The shape of an existing collection, or null when the server has no such collection. */
    public @Nullable CollectionShape shape(String collection) {
        CollectionShape cached = shapes.get(collection);
        if (cached != null) {
            return cached;
        }
        String name = qdrantName(collection);
        CollectionInfo info = info(name);
        if (info == null) {
            return null;
        }
        CollectionShape shape = shapeOf(name, info);
        shapes.put(collection, shape);
        return shape;
    }

    /**
     * The shape of the collection, creating it with {@code wanted} when it does not exist. When it exists (also when
     * another writer created it meanwhile), its own shape is returned and the caller checks records against it.
     * The keyword indexes it lacks are created too, so a creation cut short between the collection and its indexes
     * is completed by the next call.
     */
    public CollectionShape ensure(String collection, CollectionShape wanted) {
        CollectionShape known = shapes.get(collection);
        if (known != null && indexed.contains(collection)) {
            return known;
        }
        synchronized (creationLocks.computeIfAbsent(collection, key -> new Object())) {
            known = shapes.get(collection);
            if (known != null && indexed.contains(collection)) {
                return known;
            }
            String name = qdrantName(collection);
            CollectionInfo info = info(name);
            if (info == null) {
                info = create(name, wanted);
            }
            CollectionShape shape = info == null ? wanted : shapeOf(name, info);
            shapes.put(collection, shape);
            Set<String> present = info == null ? Set.of() : info.getPayloadSchemaMap().keySet();
            for (String key : INDEXED_KEYS) {
                String field = QdrantFilters.path(key);
                if (!present.contains(field)) {
                    createKeywordIndex(name, field);
                }
            }
            indexed.add(collection);
            return shape;
        }
    }

    /** Creates the collection; null when done, or the collection's info when another writer created it first. */
    private @Nullable CollectionInfo create(String name, CollectionShape wanted) {
        CreateCollection create = CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                        .setSize(wanted.dimension()).setDistance(Distance.Cosine)))
                .putMetadata(MODEL_METADATA, value(wanted.embeddingModel()))
                .build();
        try {
            calls.call("create the collection", name, deadline ->
                    grpc.collections().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).create(create));
            return null;
        } catch (QlpException e) {
            if (!QdrantCalls.hasStatus(e, Status.Code.ALREADY_EXISTS)) {
                throw e;
            }
            // Another process created it first; its shape decides.
            CollectionInfo theirs = info(name);
            if (theirs == null) {
                throw e;
            }
            return theirs;
        }
    }

    private void createKeywordIndex(String name, String field) {
        // Qdrant answers an index that already exists with the same type as created, so a race does no harm.
        CreateFieldIndexCollection index = CreateFieldIndexCollection.newBuilder().setCollectionName(name)
                .setFieldName(field).setFieldType(FieldType.FieldTypeKeyword).setWait(true).build();
        calls.call("create a keyword index on " + field, name, deadline ->
                grpc.points().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).createFieldIndex(index));
    }

    private @Nullable CollectionInfo info(String name) {
        GetCollectionInfoRequest request = GetCollectionInfoRequest.newBuilder().setCollectionName(name).build();
        return calls.callUnlessNotFound("read the collection", name, deadline -> Futures.transform(
                grpc.collections().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).get(request),
                response -> response.getResult(), MoreExecutors.directExecutor()));
    }

    /** Drops the cached shape, after the server said the collection does not exist. */
    public void forget(String collection) {
        indexed.remove(collection);
        shapes.remove(collection);
    }

    private CollectionShape shapeOf(String name, CollectionInfo info) {
        VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
        if (!vectors.hasParams()) {
            throw notQlp(name, "it has named vectors; QLP needs one unnamed vector per point");
        }
        VectorParams params = vectors.getParams();
        if (params.getDistance() != Distance.Cosine) {
            throw notQlp(name, "its distance is " + params.getDistance() + "; QLP needs Cosine");
        }
        Value model = info.getConfig().getMetadataMap().get(MODEL_METADATA);
        if (model == null || !model.hasStringValue() || model.getStringValue().isBlank()) {
            throw notQlp(name, "its metadata names no embedding model (" + MODEL_METADATA + "); it was created outside "
                    + "QLP or by a Qdrant older than 1.16, which keeps no collection metadata");
        }
        return new CollectionShape((int) params.getSize(), model.getStringValue());
    }

    private NonRetriableQlpException notQlp(String name, String why) {
        return new NonRetriableQlpException(ErrorCode.STORE_FAILURE, "Qdrant collection '" + name + "' at "
                + calls.server() + " cannot hold QLP memory: " + why + "; use another qlp.memory.qdrant."
                + "collection-prefix or delete the collection", Map.of("collection", name, "server", calls.server()));
    }
}
