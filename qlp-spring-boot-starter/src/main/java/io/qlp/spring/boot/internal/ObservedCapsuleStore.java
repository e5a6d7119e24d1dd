package io.qlp.spring.boot.internal;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator's view of the store bean: every call goes to the bean, and each capsule the generator saves is also
 * handed to the {@link GenerationObserver}s, which is where its usage, language and status become visible. Closing
 * it does nothing; the bean's owner closes the store.
 *
 * <p>Example: {@code builder.store(new ObservedCapsuleStore(storeBean, observers))}
 */
public final class ObservedCapsuleStore implements CapsuleStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedCapsuleStore.class);

    private final CapsuleStore delegate;
    private final List<GenerationObserver> observers;

    /** Observes saves into {@code delegate}. */
    public ObservedCapsuleStore(CapsuleStore delegate, List<GenerationObserver> observers) {
        this.delegate = delegate;
        this.observers = List.copyOf(observers);
    }

    @Override
    public CapsuleVersion save(Capsule capsule, VersionMetadata metadata) {
        CapsuleVersion version = delegate.save(capsule, metadata);
        for (GenerationObserver observer : observers) {
            try {
                observer.onStored(capsule);
            } catch (RuntimeException e) {
                LOG.warn("generation observer {} failed on capsule {}: {}", observer, capsule.id(), e.toString());
            }
        }
        return version;
    }

    @Override
    public CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata) {
        return delegate.append(capsule, baseVersion, metadata);
    }

    @Override
    public Optional<Capsule> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Optional<Capsule> findVersion(String id, int version) {
        return delegate.findVersion(id, version);
    }

    @Override
    public List<CapsuleVersion> history(String id) {
        return delegate.history(id);
    }

    @Override
    public List<Capsule> list(CapsuleQuery query) {
        return delegate.list(query);
    }

    @Override
    public boolean delete(String id) {
        return delegate.delete(id);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
