package io.qlp.memory;

import io.grpc.Status;
import io.qdrant.client.QdrantGrpcClient;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.memory.internal.CollectionShape;
import io.qlp.memory.internal.QdrantCalls;
import io.qlp.memory.internal.QdrantCollections;
import io.qlp.memory.internal.QdrantFilters;
import io.qlp.memory.internal.QdrantPoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MemoryStore} in a Qdrant server, through the official gRPC client. Memory collection {@code errors} is
 * Qdrant collection {@code <prefix>errors} (prefix {@value #DEFAULT_COLLECTION_PREFIX} by default), created on its
 * first record with that record's dimension, cosine distance, the embedding model's id in its metadata and keyword
 * payload indexes for {@code language}, {@code framework}, {@code tier} and {@code outcome}.
 *
 * <p>Every record and query is checked against its collection's dimension and embedding model, and against the model
 * given to {@link Builder#embeddingModel} if one was; a mismatch fails with {@link ErrorCode#EMBEDDING_MISMATCH}
 * before anything is sent, so vectors of different models are never compared. Point ids are derived from collection
 * and record id, so writing the same record twice keeps one point. Every call has a deadline
 * ({@link Builder#timeout}); a server that is down, slow or rate limiting gives a {@link io.qlp.api.RetriableQlpException},
 * any other failure a {@link NonRetriableQlpException}, both with {@link ErrorCode#STORE_FAILURE} and naming the
 * server and the collection. A batch is checked whole before anything is written; it is then written
 * {@value QdrantPoints#BATCH_SIZE} points a request, so a server failing mid-batch can leave its first part written
 * (writing it again is harmless).
 *
 * <p>Example:
 * <pre>{@code
 * try (MemoryStore store = QdrantMemoryStore.builder().url("http://127.0.0.1:6334").apiKey(key)
 *         .embeddingModel("all-minilm-l6-v2/384", 384).build()) {
 *     store.upsert(List.of(record));
 *     List<MemoryHit> hits = store.search(query);
 * }
 * }</pre>
 */
public final class QdrantMemoryStore implements MemoryStore {

    /** Qdrant's gRPC port. */
    public static final int DEFAULT_PORT = 6334;
    /** Deadline of every call unless {@link Builder#timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Prefix of QLP's Qdrant collections unless {@link Builder#collectionPrefix} says otherwise. */
    public static final String DEFAULT_COLLECTION_PREFIX = "qlp_";

    private final QdrantGrpcClient grpc;
    private final String server;
    private final @Nullable CollectionShape fixedShape;
    private final QdrantCollections collections;
    private final QdrantPoints points;

    private QdrantMemoryStore(Builder builder, String host, int port, boolean tls) {
        QdrantGrpcClient.Builder client = QdrantGrpcClient.newBuilder(host, port, tls, false);
        if (builder.apiKey != null) {
            client.withApiKey(builder.apiKey);
        }
        this.grpc = client.build();
        this.server = host + ":" + port;
        this.fixedShape = builder.modelId == null ? null : new CollectionShape(builder.dimension, builder.modelId);
        Duration timeout = builder.timeout == null ? DEFAULT_TIMEOUT : builder.timeout;
        QdrantCalls calls = new QdrantCalls(server, timeout);
        String prefix = builder.collectionPrefix == null ? DEFAULT_COLLECTION_PREFIX : builder.collectionPrefix;
        this.collections = new QdrantCollections(grpc, calls, prefix);
        this.points = new QdrantPoints(grpc, calls);
    }

    /** A new builder; {@link Builder#url} or {@link Builder#host} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server, as {@code host:port}. */
    public String server() {
        return server;
    }

    @Override
    public void upsert(List<MemoryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<MemoryRecord>> byCollection = new LinkedHashMap<>();
        for (MemoryRecord record : records) {
            collections.qdrantName(record.collection());
            requireDirection(record.vector(), "record '" + record.id() + "'");
            record.metadata().keySet().forEach(QdrantFilters::requireKey);
            if (fixedShape != null) {
                fixedShape.check(record.collection(), List.of(record));
            }
            byCollection.computeIfAbsent(record.collection(), name -> new ArrayList<>()).add(record);
        }
        Map<String, CollectionShape> shapes = CollectionShape.checkBatch(records, collections::shape);
        for (Map.Entry<String, List<MemoryRecord>> entry : byCollection.entrySet()) {
            String collection = entry.getKey();
            CollectionShape actual = collections.ensure(collection, shapes.get(collection));
            // Another writer may have created the collection meanwhile, with its own shape.
            actual.check(collection, entry.getValue());
        }
        for (Map.Entry<String, List<MemoryRecord>> entry : byCollection.entrySet()) {
            String collection = entry.getKey();
            String name = collections.qdrantName(collection);
            try {
                points.upsert(name, entry.getValue());
            } catch (QlpException e) {
                if (!QdrantCalls.hasStatus(e, Status.Code.NOT_FOUND)) {
                    throw e;
                }
                // The collection was deleted after its shape was cached: create it again once.
                collections.forget(collection);
                collections.ensure(collection, CollectionShape.of(entry.getValue().get(0)))
                        .check(collection, entry.getValue());
                points.upsert(name, entry.getValue());
            }
        }
    }

    @Override
    public List<MemoryHit> search(MemoryQuery query) {
        String name = collections.qdrantName(query.collection());
        requireDirection(query.vector(), "the query vector");
        if (fixedShape != null) {
            fixedShape.check(query.collection(), query);
        }
        CollectionShape shape = collections.shape(query.collection());
        if (shape == null) {
            return List.of();
        }
        shape.check(query.collection(), query);
        List<MemoryHit> hits = points.search(name, query);
        if (hits == null) {
            collections.forget(query.collection());
            return List.of();
        }
        return hits;
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        String name = collections.qdrantName(collection);
        return points.delete(collection, name, List.copyOf(ids));
    }

    @Override
    public long count(String collection) {
        Long count = points.count(collections.qdrantName(collection));
        if (count == null) {
            collections.forget(collection);
            return 0;
        }
        return count;
    }

    /** Closes the gRPC channel. */
    @Override
    public void close() {
        grpc.close();
    }

    private static void requireDirection(float[] vector, String owner) {
        CollectionShape.requireFinite(vector, owner);
        for (float component : vector) {
            if (component != 0f) {
                return;
            }
        }
        throw new IllegalArgumentException(owner + " is a zero vector, which has no cosine similarity to anything");
    }

    /**
     * Builds a {@link QdrantMemoryStore}. Opening does not contact the server; the first call does.
     *
     * <p>Example: {@code QdrantMemoryStore.builder().host("qdrant.internal").port(6334).tls(true).apiKey(key).build()}
     */
    public static final class Builder {

        private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{0,64}");

        private @Nullable URI url;
        private @Nullable String host;
        private @Nullable Integer port;
        private @Nullable Boolean tls;
        private @Nullable String apiKey;
        private @Nullable Duration timeout;
        private @Nullable String collectionPrefix;
        private @Nullable String modelId;
        private int dimension;

        private Builder() {
        }

        /**
         * The server's gRPC URL, {@code http://host:port} or {@code https://host:port} (TLS); the port defaults to
         * {@value #DEFAULT_PORT}. Not together with {@link #host} or {@link #port}.
         *
         * @throws IllegalArgumentException naming the value when it is not such a URL
         * @throws IllegalStateException when the URL or a host was set before
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (this.url != null || host != null) {
                throw new IllegalStateException("the server was already set: " + (this.url != null ? this.url : host));
            }
            URI parsed;
            try {
                parsed = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Qdrant url is not a URL such as http://127.0.0.1:6334: '" + url
                        + "'", e);
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
                throw new IllegalArgumentException("Qdrant url must be http://host:port or https://host:port, was '"
                        + url + "'");
            }
            if (parsed.getRawPath() != null && !parsed.getRawPath().isEmpty() && !parsed.getRawPath().equals("/")
                    || parsed.getRawQuery() != null) {
                throw new IllegalArgumentException("Qdrant url takes no path or query (gRPC), was '" + url + "'");
            }
            this.url = parsed;
            return this;
        }

        /**
         * The server's host name or address. Not together with {@link #url}.
         *
         * @throws IllegalArgumentException when blank
         * @throws IllegalStateException when a host or URL was set before
         */
        public Builder host(String host) {
            if (Objects.requireNonNull(host, "host").isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (this.host != null || url != null) {
                throw new IllegalStateException("the server was already set: " + (url != null ? url : this.host));
            }
            this.host = host.trim();
            return this;
        }

        /**
         * The server's gRPC port, {@value #DEFAULT_PORT} by default. Not together with {@link #url}.
         *
         * @throws IllegalArgumentException when outside 1 to 65535
         * @throws IllegalStateException when set before
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
            }
            if (this.port != null) {
                throw new IllegalStateException("port was already set: " + this.port);
            }
            this.port = port;
            return this;
        }

        /**
         * Whether to talk TLS; default off, or what the URL's scheme says.
         *
         * @throws IllegalStateException when set before
         */
        public Builder tls(boolean tls) {
            if (this.tls != null) {
                throw new IllegalStateException("tls was already set: " + this.tls);
            }
            this.tls = tls;
            return this;
        }

        /**
         * The API key, sent as the {@code api-key} header of every call.
         *
         * @throws IllegalArgumentException when blank
         * @throws IllegalStateException when set before
         */
        public Builder apiKey(String apiKey) {
            if (Objects.requireNonNull(apiKey, "apiKey").isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            if (this.apiKey != null) {
                throw new IllegalStateException("apiKey was already set");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The deadline of every call, {@link #DEFAULT_TIMEOUT} by default.
         *
         * @throws IllegalArgumentException when zero or negative
         * @throws IllegalStateException when set before
         */
        public Builder timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (this.timeout != null) {
                throw new IllegalStateException("timeout was already set: " + this.timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Prefix of QLP's Qdrant collections, {@value #DEFAULT_COLLECTION_PREFIX} by default; may be empty.
         *
         * @throws IllegalArgumentException when not 0 to 64 letters, digits, '_' or '-'
         * @throws IllegalStateException when set before
         */
        public Builder collectionPrefix(String prefix) {
            if (!PREFIX.matcher(Objects.requireNonNull(prefix, "prefix")).matches()) {
                throw new IllegalArgumentException("collectionPrefix must be 0 to 64 letters, digits, '_' or '-': '"
                        + prefix + "'");
            }
            if (collectionPrefix != null) {
                throw new IllegalStateException("collectionPrefix was already set: '" + collectionPrefix + "'");
            }
            this.collectionPrefix = prefix;
            return this;
        }

        /**
         * The only embedding model this store accepts, with its dimension: records and queries of another model or
         * dimension fail with {@link ErrorCode#EMBEDDING_MISMATCH} before any call. Without it, each collection's
         * first record fixes its model and dimension.
         *
         * @throws IllegalArgumentException when the id is blank or the dimension below 1
         * @throws IllegalStateException when set before
         */
        public Builder embeddingModel(String id, int dimension) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("embedding model id must not be blank");
            }
            if (dimension < 1) {
                throw new IllegalArgumentException("embedding dimension must be at least 1: " + dimension);
            }
            if (modelId != null) {
                throw new IllegalStateException("embeddingModel was already set: " + modelId + "/" + this.dimension);
            }
            this.modelId = id;
            this.dimension = dimension;
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalStateException when no server was set, or the URL clashes with {@link #port} or {@link #tls}
         */
        public QdrantMemoryStore build() {
            if (url == null && host == null) {
                throw new IllegalStateException("set the Qdrant server with url(...) or host(...)");
            }
            if (url != null) {
                if (port != null) {
                    throw new IllegalStateException("port cannot be combined with url; put the port in the url");
                }
                boolean https = "https".equalsIgnoreCase(url.getScheme());
                if (tls != null && tls != https) {
                    throw new IllegalStateException("tls(" + tls + ") clashes with the url's scheme: " + url);
                }
                return new QdrantMemoryStore(this, url.getHost(), url.getPort() > 0 ? url.getPort() : DEFAULT_PORT,
                        https);
            }
            return new QdrantMemoryStore(this, Objects.requireNonNull(host), port == null ? DEFAULT_PORT : port,
                    tls != null && tls);
        }
    }
}
