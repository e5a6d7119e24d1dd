package io.qlp.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.Language;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.AbstractCapsuleStoreTest;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingCapsuleStoreTest extends AbstractCapsuleStoreTest {

    @Override
    protected CapsuleStore createStore() {
        return CachingCapsuleStore.builder().delegate(new InMemoryCapsuleStore()).build();
    }

    /** The in-memory delegate writes a version in one atomic step. */
    @Override
    protected boolean armFailureWhenWriting(CapsuleStore store, String poisonPath) {
        return false;
    }

    @Test
    void should_read_the_delegate_once_when_the_same_capsule_is_found_again() {
        CountingStore delegate = new CountingStore(new InMemoryCapsuleStore());
        CachingCapsuleStore store = CachingCapsuleStore.builder().delegate(delegate).build();
        store.save(capsule("hot", "class A {}\n"));

        for (int i = 0; i < 5; i++) {
            assertThat(store.find("hot")).isPresent();
            assertThat(store.findVersion("hot", 1)).isPresent();
        }

        assertThat(delegate.finds.get()).isEqualTo(1);
        assertThat(delegate.versionFinds.get()).isEqualTo(1);
    }

    @Test
    void should_see_its_own_write_at_once_when_the_latest_version_was_cached() {
        CachingCapsuleStore store = CachingCapsuleStore.builder().delegate(new InMemoryCapsuleStore()).build();
        store.save(capsule("mine", "class A {}\n"));
        assertThat(store.find("mine")).isPresent();

        Capsule second = capsule("mine", "class B {}\n");
        store.append(second, 1, VersionMetadata.of("ada", "edit"));

        assertThat(store.find("mine")).contains(second);
        assertThat(store.findVersion("mine", 1).orElseThrow().files().get(0).content()).isEqualTo("class A {}\n");
    }

    @Test
    void should_serve_the_cached_latest_until_the_ttl_when_another_writer_changes_the_delegate() {
        InMemoryCapsuleStore shared = new InMemoryCapsuleStore();
        FakeTicker ticker = new FakeTicker();
        CachingCapsuleStore store = CachingCapsuleStore.builder()
                .delegate(shared).latestTtl(Duration.ofSeconds(2)).ticker(ticker).build();
        Capsule first = capsule("shared", "class A {}\n");
        store.save(first);
        assertThat(store.find("shared")).contains(first);

        Capsule byOther = capsule("shared", "class Other {}\n");
        shared.save(byOther);
        ticker.advance(Duration.ofMillis(1_999));
        assertThat(store.find("shared")).contains(first);

        ticker.advance(Duration.ofMillis(2));
        assertThat(store.find("shared")).contains(byOther);
    }

    @Test
    void should_stop_serving_cached_versions_within_the_ttl_when_another_process_deletes_the_capsule() {
        InMemoryCapsuleStore shared = new InMemoryCapsuleStore();
        FakeTicker ticker = new FakeTicker();
        CachingCapsuleStore store = CachingCapsuleStore.builder()
                .delegate(shared).latestTtl(Duration.ofSeconds(2)).ticker(ticker).build();
        Capsule first = capsule("gone", "class A {}\n");
        store.save(first);
        assertThat(store.findVersion("gone", 1)).contains(first);

        assertThat(shared.delete("gone")).isTrue();
        ticker.advance(Duration.ofMillis(2_001));

        assertThat(store.findVersion("gone", 1)).isEmpty();
        assertThat(store.find("gone")).isEmpty();
    }

    @Test
    void should_forget_every_version_when_the_capsule_is_deleted_and_created_again() {
        CachingCapsuleStore store = CachingCapsuleStore.builder().delegate(new InMemoryCapsuleStore()).build();
        store.save(capsule("reborn", "class Old {}\n"));
        assertThat(store.findVersion("reborn", 1)).isPresent();
        assertThat(store.find("reborn")).isPresent();

        assertThat(store.delete("reborn")).isTrue();
        assertThat(store.find("reborn")).isEmpty();
        assertThat(store.findVersion("reborn", 1)).isEmpty();
        Capsule again = capsule("reborn", "class New {}\n");
        store.save(again);

        assertThat(store.findVersion("reborn", 1)).contains(again);
        assertThat(store.find("reborn")).contains(again);
    }

    @Test
    void should_not_keep_what_a_read_found_when_a_write_finished_during_that_read() throws Exception {
        InMemoryCapsuleStore inner = new InMemoryCapsuleStore();
        Capsule old = capsule("raced", "class Old {}\n");
        inner.save(old);
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch writeDone = new CountDownLatch(1);
        CapsuleStore slowReader = new CountingStore(inner) {
            @Override
            public Optional<Capsule> find(String id) {
                Optional<Capsule> found = super.find(id);
                if (finds.get() == 1) {
                    readDone.countDown();
                    await(writeDone);
                }
                return found;
            }
        };
        CachingCapsuleStore store = CachingCapsuleStore.builder().delegate(slowReader).build();

        CompletableFuture<Optional<Capsule>> racingRead = CompletableFuture.supplyAsync(() -> store.find("raced"));
        await(readDone);
        Capsule fresh = capsule("raced", "class Fresh {}\n");
        store.save(fresh);
        writeDone.countDown();

        assertThat(racingRead.get(10, TimeUnit.SECONDS)).contains(old);
        assertThat(store.find("raced")).contains(fresh);
    }

    @Test
    void should_pass_history_and_list_to_the_delegate_when_asked() {
        CachingCapsuleStore store = CachingCapsuleStore.builder().delegate(new InMemoryCapsuleStore()).build();
        Capsule capsule = capsule("listed", "class A {}\n");
        store.save(capsule);

        assertThat(store.history("listed")).extracting(CapsuleVersion::number).containsExactly(1);
        assertThat(store.list(CapsuleQuery.firstPage(10))).containsExactly(capsule);
    }

    @Test
    void should_reject_bad_and_repeated_options_when_building() {
        assertThatThrownBy(() -> CachingCapsuleStore.builder().maximumSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> CachingCapsuleStore.builder().latestTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> CachingCapsuleStore.builder().maximumSize(5).maximumSize(6))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachingCapsuleStore.builder().latestTtl(Duration.ofSeconds(1))
                .latestTtl(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachingCapsuleStore.builder().delegate(new InMemoryCapsuleStore())
                .delegate(new InMemoryCapsuleStore())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CachingCapsuleStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delegate");
    }

    private static Capsule capsule(String id, String content) {
        return fullCapsule(id, BASE_TIME, CapsuleStatus.VALIDATED, Language.JAVA).toBuilder()
                .files(List.of(CapsuleFile.of("src/main/java/demo/A.java", content)))
                .build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread did not arrive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A delegate that counts reads. */
    private static class CountingStore implements CapsuleStore {
        final CapsuleStore inner;
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger versionFinds = new AtomicInteger();

        CountingStore(CapsuleStore inner) {
            this.inner = inner;
        }

        @Override
        public CapsuleVersion save(Capsule capsule, VersionMetadata metadata) {
            return inner.save(capsule, metadata);
        }

        @Override
        public CapsuleVersion append(Capsule capsule, int baseVersion, VersionMetadata metadata) {
            return inner.append(capsule, baseVersion, metadata);
        }

        @Override
        public Optional<Capsule> find(String id) {
            finds.incrementAndGet();
            return inner.find(id);
        }

        @Override
        public Optional<Capsule> findVersion(String id, int version) {
            versionFinds.incrementAndGet();
            return inner.findVersion(id, version);
        }

        @Override
        public List<CapsuleVersion> history(String id) {
            return inner.history(id);
        }

        @Override
        public List<Capsule> list(CapsuleQuery query) {
            return inner.list(query);
        }

        @Override
        public boolean delete(String id) {
            return inner.delete(id);
        }
    }

    /** A ticker moved by hand. */
    private static final class FakeTicker implements com.github.benmanes.caffeine.cache.Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
