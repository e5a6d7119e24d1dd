package io.qlp.core.store;

import io.qlp.api.Capsule;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CapsuleStore} that keeps capsules in a concurrent map for the life of the process. Capsules are
 * immutable, so they are kept and returned as they are. Listing sorts a snapshot, newest first by
 * {@code manifest.createdAt}, then by id, both descending.
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

    private final Map<String, Capsule> capsules = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryCapsuleStore() {
    }

    @Override
    public void save(Capsule capsule) {
        Objects.requireNonNull(capsule, "capsule");
        capsules.put(capsule.id(), capsule);
    }

    @Override
    public Optional<Capsule> find(String id) {
        return Optional.ofNullable(capsules.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public List<Capsule> list(CapsuleQuery query) {
        return capsules.values().stream()
                .filter(capsule -> query.status() == null || capsule.status() == query.status())
                .filter(capsule -> query.language() == null || capsule.request().language() == query.language())
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
