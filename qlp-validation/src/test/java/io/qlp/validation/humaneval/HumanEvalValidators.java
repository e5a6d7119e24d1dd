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
        return switch (language) {
            case JAVA -> JavaValidator.builder().testTimeout(testTimeout).build();
            case PYTHON -> PythonValidator.builder().testTimeout(testTimeout).build();
            case JAVASCRIPT -> JavaScriptValidator.builder().testTimeout(testTimeout).build();
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
