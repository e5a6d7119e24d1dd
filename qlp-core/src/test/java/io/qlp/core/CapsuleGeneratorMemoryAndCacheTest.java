package io.qlp.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.ProgressEvent;
import io.qlp.api.ProgressListener;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.core.cache.DefaultEmbeddings;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.cache.internal.GenerationCache;
import io.qlp.core.internal.MemoryAdvisor;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.memory.InMemoryMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory and caches on the real path: LangChain4j's OpenAI model, a loopback server and the real Java validator. */
class CapsuleGeneratorMemoryAndCacheTest {

    LoopbackOpenAiServer server;
    InMemoryCapsuleStore store;
    MeterRegistry meters;

    @BeforeEach
    void startServer() {
        server = LoopbackOpenAiServer.start();
        store = new InMemoryCapsuleStore();
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    ChatModel openAi() {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("small")
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    CapsuleGenerator.Builder generator() {
        return CapsuleGenerator.builder().tier(Tier.T0, new TierModel(openAi(), "small", ModelPricing.free()))
                .store(store).meterRegistry(meters);
    }

    static CapsuleRequest request(String description) {
        return CapsuleRequest.builder().description(description).language(Language.JAVA).build();
    }

    double lookups(String cache, String outcome) {
        return meters.counter(GenerationCache.METER, "cache", cache, "outcome", outcome).count();
    }

    @Test
    void should_put_first_capsules_pattern_and_fixed_error_into_prompt_of_a_similar_request() {
        CapsuleGenerator generator = generator().memory(InMemoryMemoryStore.create(),
                DefaultEmbeddings.allMiniLmL6V2()).build();
        server.enqueueCompletion(CapsuleGeneratorEndToEndTest.BROKEN_ANSWER, 100, 50)
                .enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50)
                .enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);
        List<ProgressEvent> events = new ArrayList<>();

        Capsule first = generator.generate(request("A class that adds two integers, with tests"));
        Capsule second = generator.generate(request("A Java class with a method that sums two ints, with tests"),
                events::add);

        assertThat(first.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(second.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(server.requestText(0)).doesNotContain("similar past requests");
        String secondPrompt = server.requestText(2);
        assertThat(secondPrompt).contains("Validated code from similar past requests")
                .contains("// src/main/java/demo/Adder.java")
                .contains("public static int add(int a, int b) { return a + b; }")
                .contains(MemoryAdvisor.ERROR_PREFIX).contains("incompatible types");
        assertThat(secondPrompt).doesNotContain("class AdderTest");
        assertThat(events).anySatisfy(event -> assertThat(event.message()).startsWith("using ")
                .contains("code_patterns/").contains("errors/"));
    }

    @Test
    void should_call_the_model_once_when_the_same_request_comes_twice() {
        CapsuleGenerator generator = generator().exactCache(ExactCache.local()).build();
        server.enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);

        Capsule first = generator.generate(request("A class that adds two integers, with tests"));
        Capsule second = generator.generate(request("  A class that adds   two integers, with tests "));

        assertThat(server.requests()).hasSize(1);
        assertThat(second.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.usage().costUsd()).isZero();
        assertThat(second.request().description()).isEqualTo("  A class that adds   two integers, with tests ");
        assertThat(store.find(second.id())).contains(second);
        assertThat(lookups("exact", "hit")).isEqualTo(1);
        assertThat(lookups("exact", "miss")).isEqualTo(1);
    }

    @Test
    void should_serve_an_exact_hit_on_the_calling_thread_and_count_a_miss_once_when_asked_for_the_cache_only() {
        CapsuleGenerator generator = generator().exactCache(ExactCache.local()).build();
        server.enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);
        CapsuleRequest request = request("A class that adds two integers, with tests");

        assertThat(generator.exactCacheHit(request, ProgressListener.none())).isEmpty();
        Capsule generated = generator.generate(request);
        List<ProgressEvent> events = new ArrayList<>();
        Optional<Capsule> hit = generator.exactCacheHit(request, events::add);

        assertThat(server.requests()).hasSize(1);
        assertThat(hit).hasValueSatisfying(capsule -> {
            assertThat(capsule.id()).isNotEqualTo(generated.id());
            assertThat(capsule.files()).isEqualTo(generated.files());
            assertThat(capsule.usage().costUsd()).isZero();
            assertThat(store.find(capsule.id())).contains(capsule);
        });
        assertThat(events).extracting(ProgressEvent::stage).containsExactly(Stage.ROUTE, Stage.DONE);
        assertThat(events).allSatisfy(event -> assertThat(event.capsuleId()).isEqualTo(hit.get().id()));
        assertThat(lookups("exact", "hit")).isEqualTo(1);
        assertThat(lookups("exact", "miss")).isEqualTo(1);
    }

    @Test
    void should_call_the_model_again_when_language_requirement_or_failed_status_differ() {
        CapsuleGenerator generator = generator().exactCache(ExactCache.local()).maxAttempts(1).build();
        server.enqueueCompletion(CapsuleGeneratorEndToEndTest.wrongAnswer(1), 100, 50)
                .enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50)
                .enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);

        Capsule failed = generator.generate(request("A class that adds two integers, with tests"));
        generator.generate(request("A class that adds two integers, with tests"));
        generator.generate(request("A class that adds two integers, with tests").toBuilder()
                .requirement("overflow throws").build());

        assertThat(failed.status()).isEqualTo(CapsuleStatus.FAILED_VALIDATION);
        assertThat(server.requests()).hasSize(3);
        assertThat(lookups("exact", "hit")).isZero();
    }

    @Test
    void should_serve_a_paraphrase_from_the_semantic_cache_after_validating_it_again() {
        CountingValidator validator = new CountingValidator();
        CapsuleGenerator generator = generator().validator(validator)
                .semanticCache(SemanticCache.builder().store(InMemoryMemoryStore.create())
                        .embeddingModel(DefaultEmbeddings.allMiniLmL6V2()).build()).build();
        server.enqueueCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);

        generator.generate(request("A class that adds two integers, with tests"));
        Capsule served = generator.generate(request("Write a class with tests that adds two integers"));

        assertThat(server.requests()).hasSize(1);
        assertThat(served.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(validator.calls).isEqualTo(2);
        assertThat(lookups("semantic", "hit")).isEqualTo(1);
    }

    @Test
    void should_generate_when_the_semantic_candidate_fails_validation_again_or_means_otherwise() {
        CountingValidator validator = new CountingValidator();
        CapsuleGenerator generator = generator().validator(validator).maxAttempts(1)
                .semanticCache(SemanticCache.builder().store(InMemoryMemoryStore.create())
                        .embeddingModel(DefaultEmbeddings.allMiniLmL6V2()).build()).build();
        server.whenEmptyAnswerCompletion(CapsuleGeneratorEndToEndTest.FIXED_ANSWER, 100, 50);

        generator.generate(request("A class that adds two integers, with tests"));
        validator.passing.set(false);
        Capsule rejected = generator.generate(request("Write a class with tests that adds two integers"));
        validator.passing.set(true);
        generator.generate(request("A class that subtracts two integers, with tests"));

        assertThat(server.requests()).hasSize(3);
        assertThat(rejected.status()).isEqualTo(CapsuleStatus.FAILED_VALIDATION);
        assertThat(lookups("semantic", "rejected")).isEqualTo(1);
        assertThat(lookups("semantic", "miss")).isEqualTo(2);
        assertThat(lookups("semantic", "hit")).isZero();
    }

    /** Passes any capsule that has a source file while {@link #passing} is set; counts its calls. */
    static final class CountingValidator implements Validator {
        final AtomicBoolean passing = new AtomicBoolean(true);
        int calls;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean supports(Language language) {
            return true;
        }

        @Override
        public synchronized ValidationReport validate(ValidationTarget target) {
            calls++;
            ValidationReport real = io.qlp.core.CompositeValidator.discover().validate(target);
            return passing.get() ? real : new ValidationReport(List.of(new io.qlp.api.StageResult("test", false,
                    List.of(io.qlp.api.Finding.error("test", null, 0, 0, "forced", "forced failure")), 0)));
        }
    }
}
