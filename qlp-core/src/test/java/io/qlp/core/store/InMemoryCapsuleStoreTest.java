package io.qlp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.spi.AbstractCapsuleStoreTest;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.CapsuleStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import org.junit.jupiter.api.Test;

class InMemoryCapsuleStoreTest extends AbstractCapsuleStoreTest {

    @Override
    protected CapsuleStore createStore() {
        return new InMemoryCapsuleStore();
    }

    /** Each write is one atomic map update, so there is no halfway to fail at. */
    @Override
    protected boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) {
        return false;
    }

    @Test
    void should_be_found_by_service_loader_under_the_name_in_memory() {
        CapsuleStoreFactory factory = ServiceProviders.load(CapsuleStoreFactory.class, "in-memory");

        try (CapsuleStore store = factory.create(ProviderConfig.empty())) {
            assertThat(store).isInstanceOf(InMemoryCapsuleStore.class);
        }
    }

    @Test
    void should_count_capsules_once_per_id() {
        InMemoryCapsuleStore store = new InMemoryCapsuleStore();

        store.save(fullCapsule("one", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));
        store.save(fullCapsule("one", BASE_TIME, CapsuleStatus.NO_PROGRESS, Language.JAVA));
        store.save(fullCapsule("two", BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA));

        assertThat(store.size()).isEqualTo(2);
    }
}
