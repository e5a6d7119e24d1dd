package io.qlp.validation.humaneval;

import io.qlp.api.spi.Validator;
import io.qlp.validation.JavaScriptValidator;
import io.qlp.validation.JavaValidator;
import io.qlp.validation.PythonValidator;
import java.time.Duration;

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
        return create(language, testTimeout, true);
    }

    /** The validator with its warm pool, or with its one-shot path when {@code warmPool} is false. */
    static Validator create(HumanEvalLanguage language, Duration testTimeout, boolean warmPool) {
        return switch (language) {
            case JAVA -> JavaValidator.builder().testTimeout(testTimeout).warmPool(warmPool).build();
            case PYTHON -> PythonValidator.builder().testTimeout(testTimeout).warmPool(warmPool).build();
            case JAVASCRIPT -> JavaScriptValidator.builder().testTimeout(testTimeout).warmPool(warmPool).build();
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
