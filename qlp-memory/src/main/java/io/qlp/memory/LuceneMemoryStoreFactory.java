package io.qlp.memory;

import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import java.nio.file.Path;

/**
 * Builds {@link LuceneMemoryStore}s under the name {@value #NAME}. Properties: {@code directory} (required; the CLI
 * passes {@code <qlp.data-dir>/memory}), {@code max-connections}, {@code beam-width}, {@code search-candidates} and
 * {@code fail-on-corrupt-index} ({@code true}/{@code false}).
 *
 * <p>Example: {@code ServiceProviders.load(MemoryStoreFactory.class, "embedded").create(ProviderConfig.of(Map.of("directory", dir)))}
 */
public final class LuceneMemoryStoreFactory implements MemoryStoreFactory {

    /** The provider name. */
    public static final String NAME = "embedded";

    /** For {@link java.util.ServiceLoader}. */
    public LuceneMemoryStoreFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the store under the configured directory.
     *
     * @throws IllegalArgumentException naming the property when {@code directory} is missing or a value is invalid
     */
    @Override
    public LuceneMemoryStore create(ProviderConfig config) {
        String directory = config.get("directory").orElseThrow(() ->
                new IllegalArgumentException("property 'directory' is required by the embedded memory store"));
        LuceneMemoryStore.Builder builder = LuceneMemoryStore.builder().directory(Path.of(directory))
                .maxConnections(config.integer("max-connections", LuceneMemoryStore.DEFAULT_MAX_CONNECTIONS))
                .beamWidth(config.integer("beam-width", LuceneMemoryStore.DEFAULT_BEAM_WIDTH))
                .searchCandidates(config.integer("search-candidates", LuceneMemoryStore.DEFAULT_SEARCH_CANDIDATES));
        String fail = config.get("fail-on-corrupt-index").orElse("false").trim();
        if (!fail.equals("true") && !fail.equals("false")) {
            throw new IllegalArgumentException("property 'fail-on-corrupt-index' must be true or false, was '"
                    + fail + "'");
        }
        if (fail.equals("true")) {
            builder.failOnCorruptIndex();
        }
        return builder.build();
    }
}
