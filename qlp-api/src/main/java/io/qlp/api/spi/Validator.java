package io.qlp.api.spi;

import io.qlp.api.Language;
import io.qlp.api.ValidationReport;

/**
 * Checks a capsule and reports findings per stage. A validator reports problems in the code as findings and
 * returns normally; it throws a {@link io.qlp.api.QlpException} only when it cannot run at all
 * ({@link io.qlp.api.ErrorCode#VALIDATION_INFRASTRUCTURE}).
 *
 * <p>Example: {@code ValidationReport report = validator.validate(new ValidationTarget(files, Language.JAVA));}
 */
public interface Validator {

    /** A short unique name, such as {@code java}. */
    String name();

    /** Whether this validator checks code of {@code language}. */
    boolean supports(Language language);

    /** Validates the target; never returns a report without stages. */
    ValidationReport validate(ValidationTarget target);
}
