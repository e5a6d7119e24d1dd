package io.qlp.validation.humaneval;

import io.qlp.api.spi.Validator;
import io.qlp.validation.JavaScriptValidator;
import io.qlp.validation.JavaValidator;
import io.qlp.validation.PythonValidator;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The validator of each HumanEval-X language, built with the public builders and a given test timeout, and closed
 * after use when it holds resources (such as a pool of warm JVMs).
 *
 * <p>Example: {@code Validator python = HumanEvalValidators.create(HumanEvalLanguage.PYTHON, Duration.ofSeconds(10));}
 */
final class HumanEvalValidators {

    private HumanEvalValidators() {
    }

    static Validator create(HumanEvalLanguage language, Duration testTimeout) {
        return create(language, testTimeout, null);
    }

    /**
     * The validator with its warm path ({@code true}), its one-shot path ({@code false}), or the builder's default
     * ({@code null}).
     */
    static Validator create(HumanEvalLanguage language, Duration testTimeout, @Nullable Boolean warmPool) {
        return create(language, testTimeout, warmPool, null);
    }

    /**
     * As {@link #create(HumanEvalLanguage, Duration, Boolean)}, and for JavaScript with the host's syntax checker
     * ({@code true}), with {@code node --check} per file ({@code false}) or the builder's default ({@code null}).
     */
    static Validator create(HumanEvalLanguage language, Duration testTimeout, @Nullable Boolean warmPool,
                            @Nullable Boolean syntaxChecker) {
        return switch (language) {
            case JAVA -> {
                JavaValidator.Builder builder = JavaValidator.builder().testTimeout(testTimeout);
                yield (warmPool == null ? builder : builder.warmPool(warmPool)).build();
            }
            case PYTHON -> {
                PythonValidator.Builder builder = PythonValidator.builder().testTimeout(testTimeout);
                yield (warmPool == null ? builder : builder.warmPool(warmPool)).build();
            }
            case JAVASCRIPT -> {
                JavaScriptValidator.Builder builder = JavaScriptValidator.builder().testTimeout(testTimeout);
                if (syntaxChecker != null) {
                    builder.syntaxChecker(syntaxChecker);
                }
                yield (warmPool == null ? builder : builder.warmPool(warmPool)).build();
            }
        };
    }

    /** Closes {@code validator} when it is {@link AutoCloseable}. */
    static void close(Validator validator) {
        if (validator instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the " + validator.name() + " validator", e);
            }
        }
    }
}
