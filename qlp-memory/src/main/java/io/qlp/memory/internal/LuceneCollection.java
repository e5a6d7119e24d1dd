package io.qlp.memory.internal;

import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * One collection of the embedded store: a Lucene index with an HNSW graph over unit-length copies of the vectors
 * (dot product of unit vectors is their cosine), the caller's exact vectors as stored bytes, and a properties file
 * with the collection's name, dimension and embedding model. Not guarded against concurrent writers: the store
 * serialises writes; searches may run beside them.
 *
 * <p>Example:
 * <pre>{@code
 * LuceneCollection patterns = LuceneCollection.create(dir, "code_patterns", shape, settings);
 * patterns.add(records);
 * patterns.commit();
 * List<MemoryHit> hits = patterns.search(query);
 * }</pre>
 */
public final class LuceneCollection implements Closeable {

    /** Name of the file that describes the collection. */
    public static final String META_FILE = "collection.properties";
    private static final String FORMAT = "1";
    private static final String ID = "id";
    private static final String TEXT = "text";
    private static final String RAW_VECTOR = "raw";
    private static final String UNIT_VECTOR = "unit";
    private static final String META_PREFIX = "m.";

    private final Path directory;
    private final String name;
    private final CollectionShape shape;
    private final HnswSettings settings;
    private final FSDirectory index;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneCollection(Path directory, String name, CollectionShape shape, HnswSettings settings)
            throws IOException {
        this.directory = directory;
        this.name = name;
        this.shape = shape;
        this.settings = settings;
        this.index = FSDirectory.open(directory.resolve("index"));
        IndexWriter opened = null;
        try {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(codec(settings))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    // Large flushes keep a bulk load in few segments; each segment has its own graph to search.
                    .setRAMBufferSizeMB(256)
                    .setMergePolicy(mergePolicy());
            opened = new IndexWriter(index, config);
            this.writer = opened;
            this.searchers = new SearcherManager(opened, null);
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            index.close();
            throw e;
        }
    }

    // Generation writes a few records per commit, so segments pile up; a query searches every segment's graph:
    // 100k records loaded 1000 at a time ended in 19 segments and 8x the query CPU of one segment. Treating small
    // segments as 64 MB and allowing 4 per tier gave 10 segments and half that, for 1.3x the load time (benchmarks.md).
    private static TieredMergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setFloorSegmentMB(64);
        policy.setSegmentsPerTier(4);
        return policy;
    }

    private static Lucene912Codec codec(HnswSettings settings) {
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(settings.maxConnections(), settings.beamWidth());
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** Creates the collection's folder, describes it, and opens an empty index. */
    public static LuceneCollection create(Path directory, String name, CollectionShape shape, HnswSettings settings)
            throws IOException {
        Files.createDirectories(directory);
        Properties meta = new Properties();
        meta.setProperty("format", FORMAT);
        meta.setProperty("name", name);
        meta.setProperty("dimension", Integer.toString(shape.dimension()));
        meta.setProperty("embeddingModel", shape.embeddingModel());
        Path temporary = directory.resolve(META_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            meta.store(out, "QLP memory collection; do not edit");
        }
        Files.move(temporary, directory.resolve(META_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return new LuceneCollection(directory, name, shape, settings);
    }

    /**
     * Opens a collection written earlier.
     *
     * @throws IOException when its description or index is missing, unreadable or corrupt
     */
    public static LuceneCollection open(Path directory, HnswSettings settings) throws IOException {
        Path metaFile = directory.resolve(META_FILE);
        if (!Files.isRegularFile(metaFile)) {
            throw new NoSuchFileException(metaFile.toString(), null, "the collection description is missing");
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            meta.load(in);
        }
        String name = meta.getProperty("name");
        String dimension = meta.getProperty("dimension");
        String model = meta.getProperty("embeddingModel");
        if (!FORMAT.equals(meta.getProperty("format")) || name == null || dimension == null || model == null) {
            throw new IOException(metaFile + " is not a collection description of format " + FORMAT);
        }
        CollectionShape shape;
        try {
            shape = new CollectionShape(Integer.parseInt(dimension.trim()), model);
        } catch (IllegalArgumentException e) {
            throw new IOException(metaFile + " holds an invalid dimension or model: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(directory.resolve("index"))) {
            throw new NoSuchFileException(directory.resolve("index").toString(), null, "the index folder is missing");
        }
        LuceneCollection collection = new LuceneCollection(directory, name, shape, settings);
        try {
            // Reading every document's stored fields would be slow; one search proves the index opens and decodes.
            collection.count();
            return collection;
        } catch (RuntimeException e) {
            collection.close();
            throw new IOException("index of collection '" + name + "' cannot be read: " + e, e);
        }
    }

    /** The collection's name. */
    public String name() {
        return name;
    }

    /** Its folder. */
    public Path directory() {
        return directory;
    }

    /** Dimension and embedding model of every vector. */
    public CollectionShape shape() {
        return shape;
    }

    /**
     * Inserts or replaces the records by id (of two with one id, the later wins), all or none: Lucene adds them as
     * one block with the deletion of the records they replace, so a record that fails to index leaves nothing of the
     * batch behind for a later commit. They become durable and visible with the next {@link #commit()}.
     */
    public void add(List<MemoryRecord> records) throws IOException {
        Map<String, MemoryRecord> lastById = new LinkedHashMap<>();
        records.forEach(record -> lastById.put(record.id(), record));
        List<BytesRef> ids = lastById.keySet().stream().map(BytesRef::new).toList();
        List<Document> documents = lastById.values().stream().map(LuceneCollection::document).toList();
        writer.updateDocuments(new TermInSetQuery(ID, ids), documents);
    }

    /**
     * Rejects a record Lucene could not index, before any record of its batch is added.
     *
     * @throws IllegalArgumentException naming the record and the field when its id or a metadata value is longer
     *     than Lucene's largest term ({@value IndexWriter#MAX_TERM_LENGTH} bytes in UTF-8)
     */
    public static void requireIndexable(MemoryRecord record) {
        requireTermLength(record, "id", record.id());
        record.metadata().forEach((key, value) -> requireTermLength(record, "metadata '" + key + "'", value));
    }

    private static void requireTermLength(MemoryRecord record, String field, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > IndexWriter.MAX_TERM_LENGTH) {
            String id = record.id().length() > 80 ? record.id().substring(0, 80) + "..." : record.id();
            throw new IllegalArgumentException("record '" + id + "': " + field + " is " + bytes
                    + " bytes long in UTF-8; the embedded index takes at most " + IndexWriter.MAX_TERM_LENGTH);
        }
    }

    private static Document document(MemoryRecord record) {
        float[] vector = record.vector();
        Document document = new Document();
        document.add(new StringField(ID, record.id(), Field.Store.YES));
        document.add(new StoredField(TEXT, record.text()));
        document.add(new StoredField(RAW_VECTOR, VectorBytes.encode(vector)));
        document.add(new KnnFloatVectorField(UNIT_VECTOR,
                VectorBytes.normalized(vector, "record '" + record.id() + "'"), VectorSimilarityFunction.DOT_PRODUCT));
        record.metadata().forEach((key, value) -> document.add(new StringField(META_PREFIX + key, value,
                Field.Store.YES)));
        return document;
    }

    /** Deletes the records with these ids; returns how many existed. */
    public int delete(Collection<String> ids) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        int existing = 0;
        List<Term> terms = new ArrayList<>();
        try {
            for (String id : ids) {
                Term term = new Term(ID, id);
                if (searcher.count(new TermQuery(term)) > 0) {
                    existing++;
                    terms.add(term);
                }
            }
        } finally {
            searchers.release(searcher);
        }
        if (!terms.isEmpty()) {
            writer.deleteDocuments(terms.toArray(Term[]::new));
            commit();
        }
        return existing;
    }

    /** Makes everything added or deleted so far durable (fsync) and visible to searches. */
    public void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Number of records. */
    public long count() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The closest records, best first by exact cosine similarity of the caller's vectors, ties by id. The graph
     * finds candidates; a selective filter makes Lucene search those records exactly instead.
     */
    public List<MemoryHit> search(MemoryQuery query) throws IOException {
        float[] vector = query.vector();
        float[] unit = VectorBytes.normalized(vector, "the query vector");
        int candidates = Math.max(query.topK(), settings.searchCandidates());
        IndexSearcher searcher = searchers.acquire();
        try {
            Query knn = new KnnFloatVectorQuery(UNIT_VECTOR, unit, candidates,
                    filter(query.filter(), searcher.getIndexReader()));
            // The graph ranks by the dot product of unit vectors, which is the cosine; only the best topK (plus
            // ties at the cut) are read back, because reading stored fields costs more than the graph search.
            ScoreDoc[] found = searcher.search(knn, query.topK()).scoreDocs;
            StoredFields stored = searcher.storedFields();
            double queryNorm = Cosine.norm(vector);
            List<MemoryHit> hits = new ArrayList<>(found.length);
            for (ScoreDoc doc : found) {
                MemoryRecord record = record(stored.document(doc.doc));
                float[] raw = record.vector();
                double score = Cosine.similarity(vector, queryNorm, raw, Cosine.norm(raw));
                if (score >= query.minScore()) {
                    hits.add(new MemoryHit(record, score));
                }
            }
            hits.sort(VectorCollection.BEST_FIRST);
            return List.copyOf(hits);
        } finally {
            searchers.release(searcher);
        }
    }

    // A filtered graph search first collects the filter's matches into a bit set per query; a term that every
    // document holds (one language in the whole collection, the common case) filters nothing and is left out.
    private static @Nullable Query filter(Map<String, String> filter, IndexReader reader) throws IOException {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, String> entry : filter.entrySet()) {
            Term term = new Term(META_PREFIX + entry.getKey(), entry.getValue());
            // docFreq counts deleted documents too, so equal to maxDoc means every live document has the term.
            if (reader.maxDoc() > 0 && reader.docFreq(term) == reader.maxDoc()) {
                continue;
            }
            all.add(new TermQuery(term), BooleanClause.Occur.FILTER);
            clauses++;
        }
        return clauses == 0 ? null : all.build();
    }

    private MemoryRecord record(Document document) {
        Map<String, String> metadata = new HashMap<>();
        for (IndexableField field : document.getFields()) {
            if (field.name().startsWith(META_PREFIX)) {
                metadata.put(field.name().substring(META_PREFIX.length()), field.stringValue());
            }
        }
        BytesRef raw = document.getBinaryValue(RAW_VECTOR);
        return new MemoryRecord(document.get(ID), name, document.get(TEXT),
                VectorBytes.decode(raw.bytes, raw.offset, raw.length), shape.embeddingModel(), metadata);
    }

    @Override
    public void close() throws IOException {
        try (index; writer; searchers) {
            // try-with-resources closes all three, in reverse order, even when one fails
        }
    }

    @Override
    public String toString() {
        return "LuceneCollection[" + name + ", " + shape + ", " + directory + "]";
    }
}
