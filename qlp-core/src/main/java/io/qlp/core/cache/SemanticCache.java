package io.qlp.core.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.cache.internal.EmbeddingModelIds;
import io.qlp.core.cache.internal.RequestContrast;
import io.qlp.core.json.CapsuleJson;
import io.qlp.core.json.Manifests;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a validated capsule made for a request that means the same as this one. Only the user's description is
 * embedded, never a prompt template; everything else that changes the answer (language, framework, tier override,
 * requirements, constraints, models, prompt version) forms a scope that must match exactly.
 *
 * <p>A candidate is served only when its similarity reaches the threshold <em>and</em> no targeted word change
 * separates the two descriptions (other numbers, a negation, swapped words such as ascending/descending, or the same
 * words in another order), because sentence embeddings score such pairs as near-identical. The caller must then
 * validate the candidate again before serving it; {@link io.qlp.core.CapsuleGenerator} does. Measured on the
 * paraphrase set in {@code docs/benchmarks.md}.
 *
 * <p>Example:
 * <pre>{@code
 * SemanticCache cache = SemanticCache.builder().store(memoryStore).embeddingModel(new AllMiniLmL6V2EmbeddingModel())
 *     .threshold(0.85).build();
 * cache.put(request, scope, capsule);
 * Optional<SemanticCache.Match> match = cache.lookup(otherRequest, scope);
 * }</pre>
 */
public final class SemanticCache {

    /** Default lowest cosine similarity of a hit, chosen from the paraphrase measurement in docs/benchmarks.md. */
    public static final double DEFAULT_THRESHOLD = 0.75;
    /** Default collection of cache entries in the memory store. */
    public static final String DEFAULT_COLLECTION = "semantic_cache";
    static final int CANDIDATES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SemanticCache.class);

    private final MemoryStore store;
    private final EmbeddingModel embeddings;
    private final String embeddingModelId;
    private final double threshold;
    private final String collection;

    /**
     * A capsule found for a similar request.
     *
     * @param capsule the cached capsule, as made for {@code matchedDescription}
     * @param similarity cosine similarity of the two descriptions
     * @param matchedDescription the description the capsule was made for
     */
    public record Match(Capsule capsule, double similarity, String matchedDescription) {

        /** Rejects nulls. */
        public Match {
            Objects.requireNonNull(capsule, "capsule");
            Objects.requireNonNull(matchedDescription, "matchedDescription");
        }
    }

    private SemanticCache(Builder builder, MemoryStore store, EmbeddingModel embeddings) {
        this.store = store;
        this.embeddings = embeddings;
        this.embeddingModelId = builder.embeddingModelId != null
                ? builder.embeddingModelId : EmbeddingModelIds.of(embeddings);
        this.threshold = builder.threshold;
        this.collection = builder.collection;
    }

    /** A new builder; store and embedding model are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The lowest similarity of a hit. */
    public double threshold() {
        return threshold;
    }

    /**
     * The best cached capsule of this scope whose description is similar enough and not contrasted, if any.
     * Failures of the store or the embedding model are logged and count as a miss.
     */
    public Optional<Match> lookup(CapsuleRequest request, String scope) {
        try {
            float[] vector = embeddings.embed(request.description()).content().vector();
            List<MemoryHit> hits = store.search(new MemoryQuery(collection, vector, embeddingModelId, CANDIDATES,
                    Map.of("scope", scope), threshold));
            for (MemoryHit hit : hits) {
                String matched = hit.record().metadata().getOrDefault("description", "");
                Optional<String> contrast = RequestContrast.between(request.description(), matched);
                if (contrast.isPresent()) {
                    LOG.debug("semantic cache candidate at {} rejected: {}", hit.score(), contrast.get());
                    continue;
                }
                return Optional.of(new Match(CapsuleJson.readCapsule(hit.record().text()), hit.score(), matched));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("semantic cache lookup failed, treating it as a miss: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Remembers a validated capsule for this request and scope; failures are logged, never thrown. */
    public void put(CapsuleRequest request, String scope, Capsule capsule) {
        try {
            String description = CacheKey.normalize(request.description());
            float[] vector = embeddings.embed(request.description()).content().vector();
            String id = Manifests.sha256Hex(scope + "\n" + description);
            store.upsert(List.of(new MemoryRecord(id, collection, CapsuleJson.writeCompact(capsule), vector,
                    embeddingModelId, Map.of("scope", scope, "description", description))));
        } catch (RuntimeException e) {
            LOG.warn("semantic cache write failed for capsule {}: {}", capsule.id(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "SemanticCache[threshold=" + threshold + ", model=" + embeddingModelId + ", store=" + store + "]";
    }

    /** Builds {@link SemanticCache}s. */
    public static final class Builder {
        private @Nullable MemoryStore store;
        private @Nullable EmbeddingModel embeddingModel;
        private @Nullable String embeddingModelId;
        private double threshold = DEFAULT_THRESHOLD;
        private boolean thresholdSet;
        private String collection = DEFAULT_COLLECTION;
        private boolean collectionSet;

        private Builder() {
        }

        /** Where entries are kept; an embedded store keeps them across runs. Required. */
        public Builder store(MemoryStore store) {
            if (this.store != null) {
                throw new IllegalStateException("store was already set to " + this.store);
            }
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Embeds request descriptions. Required. */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            if (this.embeddingModel != null) {
                throw new IllegalStateException("embeddingModel was already set to " + this.embeddingModel);
            }
            this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
            return this;
        }

        /** The id stored with each vector; default the model's name (or class) and dimension. */
        public Builder embeddingModelId(String embeddingModelId) {
            if (this.embeddingModelId != null) {
                throw new IllegalStateException("embeddingModelId was already set to " + this.embeddingModelId);
            }
            if (Objects.requireNonNull(embeddingModelId, "embeddingModelId").isBlank()) {
                throw new IllegalArgumentException("embeddingModelId must not be blank: '" + embeddingModelId + "'");
            }
            this.embeddingModelId = embeddingModelId;
            return this;
        }

        /** Lowest cosine similarity of a hit, above 0 and at most 1; default {@value #DEFAULT_THRESHOLD}. */
        public Builder threshold(double threshold) {
            if (thresholdSet) {
                throw new IllegalStateException("threshold was already set to " + this.threshold);
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be above 0 and at most 1: " + threshold);
            }
            this.threshold = threshold;
            this.thresholdSet = true;
            return this;
        }

        /** Collection of the store that holds the entries; default {@value #DEFAULT_COLLECTION}. */
        public Builder collection(String collection) {
            if (collectionSet) {
                throw new IllegalStateException("collection was already set to " + this.collection);
            }
            if (Objects.requireNonNull(collection, "collection").isBlank()) {
                throw new IllegalArgumentException("collection must not be blank: '" + collection + "'");
            }
            this.collection = collection;
            this.collectionSet = true;
            return this;
        }

        /**
         * Builds the cache.
         *
         * @throws IllegalStateException when store or embedding model is missing
         */
        public SemanticCache build() {
            if (store == null || embeddingModel == null) {
                throw new IllegalStateException("store and embeddingModel must be set; missing: "
                        + (store == null ? "store " : "") + (embeddingModel == null ? "embeddingModel" : ""));
            }
            return new SemanticCache(this, store, embeddingModel);
        }
    }
}
