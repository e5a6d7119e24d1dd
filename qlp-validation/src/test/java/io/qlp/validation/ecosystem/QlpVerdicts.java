package io.qlp.validation.ecosystem;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.validation.DirectoryFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * QLP's verdict on a folder, reached as {@code qlp validate PATH} reaches it: the folder read by
 * {@link DirectoryFiles}, its language detected, then every registered validator for that language (the language's
 * own and the security validator) with its default configuration, their reports joined.
 *
 * <p>Example: {@code QlpVerdicts.Result result = new QlpVerdicts().validate(folder);}
 */
final class QlpVerdicts {

    private final List<Validator> validators = ServiceProviders.loadAll(ValidatorFactory.class).stream()
            .map(factory -> factory.create(ProviderConfig.empty())).toList();

    /** The language QLP detected and its verdict. */
    record Result(Language language, RunVerdict verdict) {
    }

    Result validate(Path folder) {
        List<CapsuleFile> files = DirectoryFiles.read(folder);
        Language language = DirectoryFiles.detectLanguage(files);
        ValidationTarget target = new ValidationTarget(files, language);
        ValidationReport report = ValidationReport.empty();
        for (Validator validator : validators) {
            if (validator.supports(language)) {
                report = report.plus(validator.validate(target));
            }
        }
        String evidence = report.errors().isEmpty() ? "no errors"
                : report.errors().stream().map(Finding::describe).collect(Collectors.joining("\n  "));
        return new Result(language, new RunVerdict(report.passed(), evidence));
    }
}
