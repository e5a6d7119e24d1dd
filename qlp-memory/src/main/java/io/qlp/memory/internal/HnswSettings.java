package io.qlp.memory.internal;

/**
 * How an HNSW graph is built and searched.
 *
 * <p>Example: {@code new HnswSettings(16, 100, 100)}
 *
 * @param maxConnections neighbours per node (Lucene's {@code M}); more raises recall, memory and build time
 * @param beamWidth candidates considered while building ({@code efConstruction})
 * @param searchCandidates candidates kept while searching ({@code ef}); at least {@code topK} are always kept
 */
public record HnswSettings(int maxConnections, int beamWidth, int searchCandidates) {

    /** Rejects values below 1, naming them. */
    public HnswSettings {
        if (maxConnections < 1 || maxConnections > 512) {
            throw new IllegalArgumentException("maxConnections must be between 1 and 512: " + maxConnections);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beamWidth must be between 1 and 3200: " + beamWidth);
        }
        if (searchCandidates < 1) {
            throw new IllegalArgumentException("searchCandidates must be at least 1: " + searchCandidates);
        }
    }
}
