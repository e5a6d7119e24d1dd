package io.qlp.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.MemoryStoreFactory;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMemoryStoreFactoryTest {

    @Test
    void should_find_factory_by_name_when_loaded_through_service_loader() {
        MemoryStoreFactory factory = ServiceProviders.load(MemoryStoreFactory.class, "in-memory");

        assertThat(factory).isInstanceOf(InMemoryMemoryStoreFactory.class);
        assertThat(factory.create(ProviderConfig.empty())).isInstanceOf(InMemoryMemoryStore.class);
    }

    @Test
    void should_create_separate_stores_when_called_twice() {
        InMemoryMemoryStoreFactory factory = new InMemoryMemoryStoreFactory();
        MemoryStore first = factory.create(ProviderConfig.empty());
        MemoryStore second = factory.create(ProviderConfig.empty());

        first.upsert(List.of(new MemoryRecord("a", "errors", "boom", new float[] {1f}, Map.of())));

        assertThat(first.count("errors")).isEqualTo(1);
        assertThat(second.count("errors")).isZero();
    }
}
