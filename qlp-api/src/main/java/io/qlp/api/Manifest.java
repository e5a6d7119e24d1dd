package io.qlp.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The capsule's manifest, written as {@code capsule.json}: what it contains and how it was made.
 *
 * <p>Example: {@code manifest.sha256().get("src/main/java/Foo.java")}
 *
 * @param formatVersion version of this format; see docs/capsule-format.md
 * @param createdAt when the capsule was finished
 * @param languages languages of the capsule's code
 * @param sha256 hex SHA-256 of each file's UTF-8 content, by path, sorted
 * @param tiersUsed tiers whose models were called, in the order first used
 * @param generatorVersion version of QLP that made the capsule
 * @param memoriesUsed ids of the remembered records that were put into the prompt, empty when none
 */
public record Manifest(String formatVersion, Instant createdAt, List<Language> languages,
                       SortedMap<String, String> sha256, List<Tier> tiersUsed, String generatorVersion,
                       List<String> memoriesUsed) {

    /** The current manifest format. */
    public static final String FORMAT_VERSION = "1";

    /** Copies collections and rejects nulls. */
    public Manifest {
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(generatorVersion, "generatorVersion");
        languages = List.copyOf(languages);
        sha256 = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sha256));
        tiersUsed = List.copyOf(tiersUsed);
        memoriesUsed = memoriesUsed == null ? List.of() : List.copyOf(memoriesUsed);
    }

    /** A manifest of a capsule made without memory. */
    public Manifest(String formatVersion, Instant createdAt, List<Language> languages,
                    SortedMap<String, String> sha256, List<Tier> tiersUsed, String generatorVersion) {
        this(formatVersion, createdAt, languages, sha256, tiersUsed, generatorVersion, List.of());
    }
}
