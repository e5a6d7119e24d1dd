package io.qlp.core.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import io.qlp.api.StageResult;
import io.qlp.api.Tier;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.store.InMemoryCapsuleStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's own cost per {@link CapsuleGenerator#generate(CapsuleRequest)}: routing, prompt, the model call
 * through the resilience layer, answer parsing, the validation round, the manifest and the store. The model answers
 * at once with a fixed two-file answer and the validator passes at once, so only QLP's own work is timed. The stub
 * validator lives here only; the generator's defaults are untouched.
 *
 * <p>Run (see docs/benchmarks.md): {@code java -cp ... org.openjdk.jmh.Main PipelineOverheadBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PipelineOverheadBench {

    /** A typical answer: a heading-labelled main class and a path-comment test, with prose around them. */
    static final String ANSWER = """
            Here is a small implementation with tests.

            ### src/main/java/demo/Durations.java
            ```java
            package demo;

            import java.time.Duration;

            /** Parses ISO-8601 durations. */
            public final class Durations {
                private Durations() {
                }

                public static Duration parse(String text) {
                    if (text == null || text.isBlank()) {
                        throw new IllegalArgumentException("empty duration");
                    }
                    return Duration.parse(text.strip());
                }

                public static long seconds(String text) {
                    return parse(text).getSeconds();
                }
            }
            ```

            And the tests:

            ```java
            // src/test/java/demo/DurationsTest.java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertThrows;

            import org.junit.jupiter.api.Test;

            class DurationsTest {
                @Test
                void should_parse_minutes_when_given_PT5M() {
                    assertEquals(300, Durations.seconds("PT5M"));
                }

                @Test
                void should_reject_blank_when_given_spaces() {
                    assertThrows(IllegalArgumentException.class, () -> Durations.parse("  "));
                }
            }
            ```

            Run `mvn test` to check it.
            """;

    private CapsuleGenerator generator;
    private InMemoryCapsuleStore store;
    private CapsuleRequest request;

    @Setup
    public void setUp() {
        store = new InMemoryCapsuleStore();
        generator = CapsuleGenerator.builder()
                .tier(Tier.T0, new InstantModel(ANSWER))
                .validator(new PassingValidator())
                .store(store)
                .maxAttempts(1)
                .build();
        request = CapsuleRequest.builder()
                .description("A Java class that parses ISO-8601 durations, with tests")
                .requirement("reject blank input")
                .language(Language.JAVA)
                .build();
    }

    /** One whole generate(); the capsule is deleted afterwards so the store does not grow during the run. */
    @Benchmark
    public Capsule generate() {
        Capsule capsule = generator.generate(request);
        store.delete(capsule.id());
        return capsule;
    }

    /** A model that answers at once, always the same. */
    static final class InstantModel implements ChatModel {
        private final String answer;

        InstantModel(String answer) {
            this.answer = answer;
        }

        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(answer))
                    .tokenUsage(new TokenUsage(400, 300))
                    .build();
        }
    }

    /** A validator that passes every Java capsule at once: the benchmark times the pipeline, not javac. */
    static final class PassingValidator implements Validator {
        private static final ValidationReport PASSED = new ValidationReport(List.of(
                StageResult.of("syntax", List.of(), 0), StageResult.of("test", List.of(), 0)));

        @Override
        public String name() {
            return "bench-pass";
        }

        @Override
        public boolean supports(Language language) {
            return language == Language.JAVA;
        }

        @Override
        public ValidationReport validate(ValidationTarget target) {
            return PASSED;
        }
    }
}
