package io.qlp.core.store;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.json.Manifests;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CapsuleStore} that keeps every version of every capsule in a concurrent map for the life of the process.
 * Capsules are immutable, so they are kept and returned as they are. Writes to one capsule are atomic (one
 * {@link ConcurrentHashMap#compute} each), so a version is there whole or not at all. Listing sorts a snapshot,
 * newest first by {@code manifest.createdAt}, then by id, both descending.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleStore store = new InMemoryCapsuleStore();
 * store.save(capsule);
 * List<Capsule> page = store.list(new CapsuleQuery(CapsuleStatus.VALIDATED, Language.JAVA, 0, 20));
 * }</pre>
 */
public final class InMemoryCapsuleStore implements CapsuleStore {

    private static final Comparator<Capsule> NEWEST_FIRST = Comparator
            .comparing((Capsule capsule) -> capsule.manifest().createdAt())
            .thenComparing(Capsule::id)
            .reversed();

    /** One stored version: its record and the capsule as it was. */
    private record Stored(CapsuleVersion version, Capsule capsule) {
    }

    private final Map<String, List<Stored>> capsules = new ConcurrentHashMap<>();
    private final Clock clock;

    /** An empty store on the system clock. */
    public InMemoryCapsuleStore() {
        this(Clock.systemUTC());
    }

    /** An empty store whose version times come from {@code clock}. */
    public InMemoryCapsuleStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CapsuleVersion save(Capsule capsule, VersionMetadata metadata) {
        return write(capsule, null, metadata);
    }

    @Override
    public CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata) {
        if (baseVersion < 1) {
            throw new IllegalArgumentException("base version must be at least 1: " + baseVersion);
        }
        return write(capsule, baseVersion, metadata);
    }

    private CapsuleVersion write(Capsule capsule, @Nullable Integer baseVersion, VersionMetadata metadata) {
        Objects.requireNonNull(capsule, "capsule");
        Objects.requireNonNull(metadata, "metadata");
        CapsuleVersion[] written = new CapsuleVersion[1];
        capsules.compute(capsule.id(), (id, versions) -> {
            List<Stored> current = versions == null ? List.of() : versions;
            if (metadata.requestId() != null) {
                for (Stored stored : current) {
                    if (metadata.requestId().equals(stored.version().requestId())) {
                        written[0] = stored.version();
                        return versions;
                    }
                }
            }
            Integer latest = current.isEmpty() ? null : current.get(current.size() - 1).version().number();
            checkBase(capsule.id(), baseVersion, latest);
            CapsuleVersion version = new CapsuleVersion(id, latest == null ? 1 : latest + 1, latest,
                    metadata.author(), metadata.message(), metadata.requestId(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS), capsule.status(),
                    Manifests.hashes(capsule.files()));
            List<Stored> next = new ArrayList<>(current);
            next.add(new Stored(version, capsule));
            written[0] = version;
            return List.copyOf(next);
        });
        return written[0];
    }

    private static void checkBase(String id, @Nullable Integer baseVersion, @Nullable Integer latest) {
        if (baseVersion == null) {
            return;
        }
        ErrorContext context = ErrorContext.empty().withStage(Stage.STORE).withCapsuleId(id);
        if (latest == null) {
            throw new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no capsule has id '" + id
                    + "', so no version can be based on version " + baseVersion, context, Map.of("capsuleId", id),
                    null);
        }
        if (baseVersion.intValue() != latest) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("capsuleId", id);
            details.put("baseVersion", baseVersion);
            details.put("latestVersion", latest);
            throw new NonRetriableQlpException(ErrorCode.VERSION_CONFLICT, "capsule '" + id + "' is at version "
                    + latest + ", not at version " + baseVersion
                    + "; read the latest version and apply the change again", context, details, null);
        }
    }

    @Override
    public Optional<Capsule> find(String id) {
        List<Stored> versions = capsules.get(Objects.requireNonNull(id, "id"));
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).capsule());
    }

    @Override
    public Optional<Capsule> findVersion(String id, int version) {
        List<Stored> versions = capsules.get(Objects.requireNonNull(id, "id"));
        if (versions == null || version < 1 || version > versions.size()) {
            return Optional.empty();
        }
        return Optional.of(versions.get(version - 1).capsule());
    }

    @Override
    public List<CapsuleVersion> history(String id) {
        List<Stored> versions = capsules.get(Objects.requireNonNull(id, "id"));
        return versions == null ? List.of() : versions.stream().map(Stored::version).toList();
    }

    @Override
    public List<Capsule> list(CapsuleQuery query) {
        String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        return capsules.values().stream()
                .map(versions -> versions.get(versions.size() - 1).capsule())
                .filter(capsule -> query.status() == null || capsule.status() == query.status())
                .filter(capsule -> query.language() == null || capsule.request().language() == query.language())
                .filter(capsule -> query.createdFrom() == null
                        || !capsule.manifest().createdAt().isBefore(query.createdFrom()))
                .filter(capsule -> query.createdBefore() == null
                        || capsule.manifest().createdAt().isBefore(query.createdBefore()))
                .filter(capsule -> text == null || capsule.id().toLowerCase(Locale.ROOT).contains(text)
                        || capsule.request().description().toLowerCase(Locale.ROOT).contains(text))
                .sorted(NEWEST_FIRST)
                .skip(query.offset())
                .limit(query.limit())
                .toList();
    }

    @Override
    public boolean delete(String id) {
        return capsules.remove(Objects.requireNonNull(id, "id")) != null;
    }

    /** How many capsules are stored. */
    public int size() {
        return capsules.size();
    }
}
