package io.qlp.memory.internal;

import io.qdrant.client.ConditionFactory;
import io.qdrant.client.grpc.Common.Filter;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a memory query's exact-match metadata filter into a Qdrant {@link Filter}: one {@code must} keyword match per
 * entry on {@code metadata.<key>}, where {@link QdrantPoints} keeps a record's metadata.
 *
 * <p>Example: {@code QdrantFilters.of(Map.of("language", "java"))} matches points whose
 * {@code metadata.language} is {@code "java"}.
 */
public final class QdrantFilters {

    /** Payload field holding a record's metadata. */
    public static final String METADATA_FIELD = "metadata";

    /** Metadata keys usable as one segment of a Qdrant payload path (no dots, brackets or quotes). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private QdrantFilters() {
    }

    /** The filter matching every entry of {@code filter}; an empty filter matches everything. */
    public static Filter of(Map<String, String> filter) {
        Filter.Builder builder = Filter.newBuilder();
        // Sorted so that equal filters make equal requests.
        new TreeMap<>(filter).forEach((key, value) -> builder.addMust(ConditionFactory.matchKeyword(path(key), value)));
        return builder.build();
    }

    /** The payload path of a metadata key, such as {@code metadata.language}. */
    public static String path(String key) {
        requireKey(key);
        return METADATA_FIELD + "." + key;
    }

    /**
     * Rejects a metadata key that is not one path segment.
     *
     * @throws IllegalArgumentException naming the key
     */
    public static void requireKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metadata key '" + key + "' cannot be stored in Qdrant: use 1 to 64 "
                    + "letters, digits, '_' or '-'");
        }
    }
}
