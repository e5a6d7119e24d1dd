package io.qlp.memory;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.memory.internal.CollectionShape;
import io.qlp.memory.internal.HnswSettings;
import io.qlp.memory.internal.LuceneCollection;
import io.qlp.memory.internal.VectorBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded, persistent {@link MemoryStore}: one Lucene index per collection under a folder, with an HNSW graph
 * for approximate nearest-neighbour search and exact cosine scores for the hits it returns. Everything written is
 * committed before {@link #upsert} returns, so it survives a restart or a crash of the process.
 *
 * <p>Each collection's dimension and embedding model are fixed by its first record; a record or query of another
 * dimension or model fails with {@link ErrorCode#EMBEDDING_MISMATCH} and nothing of the batch is written. Vectors
 * must not be zero (cosine needs a direction). Writes are serialised; searches run beside them and see each
 * collection's part of a batch whole or not at all.
 *
 * <p>A collection whose files are missing or corrupt is, by default, moved aside to {@code <folder>.corrupt-<time>}
 * with a warning and starts empty, because memory only helps generation and must never stop it; with
 * {@code failOnCorruptIndex()} opening fails with {@link ErrorCode#STORE_FAILURE} instead. A folder can be open in
 * one process at a time; a second one fails with {@link ErrorCode#STORE_FAILURE} naming the folder.
 *
 * <p>Example:
 * <pre>{@code
 * try (MemoryStore store = LuceneMemoryStore.builder().directory(Path.of(".qlp/memory")).build()) {
 *     store.upsert(List.of(new MemoryRecord("p-1", "code_patterns", code, vector, "all-minilm-l6-v2",
 *             Map.of("language", "java"))));
 *     List<MemoryHit> hits = store.search(new MemoryQuery("code_patterns", queryVector, "all-minilm-l6-v2", 5,
 *             Map.of("language", "java"), 0.3));
 * }
 * }</pre>
 */
public final class LuceneMemoryStore implements MemoryStore {

    /** Default HNSW neighbours per node. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** Default HNSW build beam width. */
    public static final int DEFAULT_BEAM_WIDTH = 100;
    /** Default candidates kept while searching. */
    public static final int DEFAULT_SEARCH_CANDIDATES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LuceneMemoryStore.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path directory;
    private final HnswSettings settings;
    private final boolean failOnCorruptIndex;
    private final Map<String, LuceneCollection> collections = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    /** Collections with records added but not yet committed; guarded by writeLock. */
    private final Set<LuceneCollection> uncommitted = new LinkedHashSet<>();
    /** Batches added, and batches known committed; guarded by writeLock. */
    private long addedBatches;
    private long committedBatches;
    private volatile boolean closed;

    private LuceneMemoryStore(Builder builder, Path directory) {
        this.directory = directory;
        this.settings = new HnswSettings(builder.maxConnections, builder.beamWidth, builder.searchCandidates);
        this.failOnCorruptIndex = builder.failOnCorruptIndex;
    }

    /** A new builder; {@link Builder#directory(Path)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A store under {@code directory} with default settings. */
    public static LuceneMemoryStore open(Path directory) {
        return builder().directory(directory).build();
    }

    /** The folder holding the collections. */
    public Path directory() {
        return directory;
    }

    private void openExisting() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw failure("cannot create memory folder " + directory + ": " + e, e);
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(directory)) {
            folders = children.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().contains(".corrupt-")).sorted().toList();
        } catch (IOException e) {
            throw failure("cannot list memory folder " + directory + ": " + e, e);
        }
        try {
            for (Path folder : folders) {
                LuceneCollection collection = openCollection(folder);
                if (collection != null) {
                    collections.put(collection.name(), collection);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private @Nullable LuceneCollection openCollection(Path folder) {
        try {
            return LuceneCollection.open(folder, settings);
        } catch (LockObtainFailedException e) {
            throw failure("memory folder " + folder + " is in use by another process or store; "
                    + "give each process its own qlp.data-dir", e);
        } catch (IOException e) {
            if (failOnCorruptIndex) {
                throw new NonRetriableQlpException(ErrorCode.STORE_FAILURE, "memory collection at " + folder
                        + " is missing files or corrupt: " + e.getMessage() + "; delete the folder to start it afresh",
                        ErrorContext.empty(), Map.of("path", folder.toString()), e);
            }
            Path aside = folder.resolveSibling(folder.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.move(folder, aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
                throw new NonRetriableQlpException(ErrorCode.STORE_FAILURE, "memory collection at " + folder
                        + " is corrupt and could not be moved aside: " + moveFailure,
                        ErrorContext.empty(), Map.of("path", folder.toString()), e);
            }
            LOG.warn("memory collection at {} is missing files or corrupt ({}); moved it to {} and starting it empty",
                    folder, e.toString(), aside);
            return null;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides when a record's
     *     dimension or model differs from its collection's or from an earlier record of the batch
     * @throws IllegalArgumentException naming the record when its vector is zero or holds NaN or an infinity, or its
     *     id or a metadata value is too long to index; nothing of the batch is written then
     * @throws RetriableQlpException with {@link ErrorCode#STORE_FAILURE} when the index cannot be written
     */
    @Override
    public void upsert(List<MemoryRecord> records) {
        List<MemoryRecord> batch = List.copyOf(records);
        long ticket;
        synchronized (writeLock) {
            requireOpen();
            Map<String, CollectionShape> shapes = CollectionShape.checkBatch(batch, name -> {
                LuceneCollection existing = collections.get(name);
                return existing == null ? null : existing.shape();
            });
            batch.forEach(record -> VectorBytes.normalized(record.vector(), "record '" + record.id() + "'"));
            batch.forEach(LuceneCollection::requireIndexable);
            Map<String, List<MemoryRecord>> byCollection = new LinkedHashMap<>();
            batch.forEach(record -> byCollection.computeIfAbsent(record.collection(), name -> new ArrayList<>())
                    .add(record));
            for (Map.Entry<String, List<MemoryRecord>> entry : byCollection.entrySet()) {
                String name = entry.getKey();
                try {
                    LuceneCollection collection = collections.get(name);
                    if (collection == null) {
                        collection = LuceneCollection.create(folderOf(name), name, shapes.get(name), settings);
                        collections.put(name, collection);
                    }
                    collection.add(entry.getValue());
                    uncommitted.add(collection);
                } catch (IOException e) {
                    throw failure("cannot write memory collection '" + name + "': " + e, e);
                }
            }
            ticket = ++addedBatches;
        }
        // Group commit: batches added while another thread was committing share the next commit, so concurrent
        // writers pay one round of fsyncs between them rather than one each. Commits run under the write lock, so
        // they never hold half a batch.
        synchronized (writeLock) {
            if (closed || committedBatches >= ticket) {
                return; // committed by another writer, or by close(), which commits what was added
            }
            long upTo = addedBatches;
            for (Iterator<LuceneCollection> pending = uncommitted.iterator(); pending.hasNext(); ) {
                LuceneCollection collection = pending.next();
                try {
                    collection.commit();
                } catch (IOException e) {
                    throw failure("cannot commit memory collection '" + collection.name() + "': " + e, e);
                }
                pending.remove();
            }
            committedBatches = upTo;
        }
    }

    /**
     * {@inheritDoc} An unknown collection has no hits.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#EMBEDDING_MISMATCH} naming both sides when the query's
     *     dimension or model differs from the collection's
     * @throws IllegalArgumentException when the query vector is zero or holds NaN or an infinity
     */
    @Override
    public List<MemoryHit> search(MemoryQuery query) {
        requireOpen();
        CollectionShape.requireFinite(query.vector(), "query vector");
        LuceneCollection collection = collections.get(query.collection());
        if (collection == null) {
            return List.of();
        }
        collection.shape().check(query.collection(), query);
        try {
            return collection.search(query);
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw failure("cannot search memory collection '" + query.collection() + "': " + e, e);
        }
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        Objects.requireNonNull(collection, "collection");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        synchronized (writeLock) {
            requireOpen();
            LuceneCollection target = collections.get(collection);
            if (target == null || distinct.isEmpty()) {
                return 0;
            }
            try {
                return target.delete(distinct);
            } catch (IOException e) {
                throw failure("cannot delete from memory collection '" + collection + "': " + e, e);
            }
        }
    }

    @Override
    public long count(String collection) {
        Objects.requireNonNull(collection, "collection");
        requireOpen();
        LuceneCollection target = collections.get(collection);
        return target == null ? 0 : target.count();
    }

    /** Commits nothing more (every write is committed) and releases the indexes and their folder locks. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closed = true;
            for (LuceneCollection collection : collections.values()) {
                try {
                    collection.close();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("closing memory collection {} failed: {}", collection.name(), e.toString());
                }
            }
            collections.clear();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("memory store at " + directory + " is closed");
        }
    }

    // Collection names become folder names only when that is safe on every file system; others are hashed.
    private Path folderOf(String name) {
        if (SAFE_NAME.matcher(name).matches()) {
            return directory.resolve(name);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return directory.resolve("c-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static QlpException failure(String message, Throwable cause) {
        return new RetriableQlpException(ErrorCode.STORE_FAILURE, message, ErrorContext.empty(), Map.of(), cause);
    }

    @Override
    public String toString() {
        return "LuceneMemoryStore[" + directory + ", collections=" + collections.keySet() + "]";
    }

    /** Builds {@link LuceneMemoryStore}s. */
    public static final class Builder {
        private @Nullable Path directory;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private boolean maxConnectionsSet;
        private int beamWidth = DEFAULT_BEAM_WIDTH;
        private boolean beamWidthSet;
        private int searchCandidates = DEFAULT_SEARCH_CANDIDATES;
        private boolean searchCandidatesSet;
        private boolean failOnCorruptIndex;

        private Builder() {
        }

        /** The folder that holds the collections, created if missing. Required. */
        public Builder directory(Path directory) {
            if (this.directory != null) {
                throw new IllegalStateException("directory was already set to " + this.directory);
            }
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** HNSW neighbours per node, 1 to 512; default {@value #DEFAULT_MAX_CONNECTIONS}. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnectionsSet) {
                throw new IllegalStateException("maxConnections was already set to " + this.maxConnections);
            }
            if (maxConnections < 1 || maxConnections > 512) {
                throw new IllegalArgumentException("maxConnections must be between 1 and 512: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            this.maxConnectionsSet = true;
            return this;
        }

        /** HNSW build beam width, 1 to 3200; default {@value #DEFAULT_BEAM_WIDTH}. */
        public Builder beamWidth(int beamWidth) {
            if (beamWidthSet) {
                throw new IllegalStateException("beamWidth was already set to " + this.beamWidth);
            }
            if (beamWidth < 1 || beamWidth > 3200) {
                throw new IllegalArgumentException("beamWidth must be between 1 and 3200: " + beamWidth);
            }
            this.beamWidth = beamWidth;
            this.beamWidthSet = true;
            return this;
        }

        /** Candidates kept while searching, at least 1; default {@value #DEFAULT_SEARCH_CANDIDATES}. */
        public Builder searchCandidates(int searchCandidates) {
            if (searchCandidatesSet) {
                throw new IllegalStateException("searchCandidates was already set to " + this.searchCandidates);
            }
            if (searchCandidates < 1) {
                throw new IllegalArgumentException("searchCandidates must be at least 1: " + searchCandidates);
            }
            this.searchCandidates = searchCandidates;
            this.searchCandidatesSet = true;
            return this;
        }

        /** Fail with {@link ErrorCode#STORE_FAILURE} on a missing or corrupt collection instead of starting it afresh. */
        public Builder failOnCorruptIndex() {
            if (failOnCorruptIndex) {
                throw new IllegalStateException("failOnCorruptIndex was already set");
            }
            this.failOnCorruptIndex = true;
            return this;
        }

        /**
         * Opens the store and every collection under the folder.
         *
         * @throws IllegalStateException when no directory is set
         * @throws QlpException with {@link ErrorCode#STORE_FAILURE} when the folder cannot be used
         */
        public LuceneMemoryStore build() {
            if (directory == null) {
                throw new IllegalStateException("directory must be set: call directory(Path)");
            }
            LuceneMemoryStore store = new LuceneMemoryStore(this, directory);
            store.openExisting();
            return store;
        }
    }
}
