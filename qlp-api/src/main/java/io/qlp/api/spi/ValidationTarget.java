package io.qlp.api.spi;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import java.util.List;
import java.util.Objects;

/**
 * What a validator checks: the capsule's files and their language.
 *
 * <p>Example: {@code new ValidationTarget(capsule.files(), Language.JAVA)}
 *
 * @param files every file of the capsule
 * @param language the language to validate as
 */
public record ValidationTarget(List<CapsuleFile> files, Language language) {

    /** Copies the files. */
    public ValidationTarget {
        files = List.copyOf(files);
        Objects.requireNonNull(language, "language");
    }
}
