package io.qlp.core;

import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.core.config.ValidationSettings;
import java.util.List;
import java.util.Map;

/**
 * Runs every validator that supports the target's language and joins their reports in order.
 *
 * <p>Example:
 * <pre>{@code
 * ValidationReport report = CompositeValidator.discover().validate(new ValidationTarget(files, Language.JAVA));
 * CompositeValidator configured = CompositeValidator.discover(settings.validation()); // qlp.validation
 * }</pre>
 */
public final class CompositeValidator implements Validator {

    private final List<Validator> validators;

    private CompositeValidator(List<Validator> validators) {
        this.validators = List.copyOf(validators);
    }

    /** A composite of these validators. */
    public static CompositeValidator of(List<Validator> validators) {
        return new CompositeValidator(validators);
    }

    /** A composite of every validator registered through {@link ValidatorFactory}, each with its defaults. */
    public static CompositeValidator discover() {
        return discover(ValidationSettings.defaults());
    }

    /**
     * A composite of every validator registered through {@link ValidatorFactory} that {@code settings} does not
     * disable, each built with the properties {@code settings} gives it ({@code qlp.validation}).
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when a configured name matches no
     *     factory (listing the known ones) or a factory rejects a value (naming the key)
     */
    public static CompositeValidator discover(ValidationSettings settings) {
        return new CompositeValidator(settings.create(ServiceProviders.loadAll(ValidatorFactory.class)));
    }

    @Override
    public String name() {
        return "composite" + validators.stream().map(Validator::name).toList();
    }

    @Override
    public boolean supports(Language language) {
        return validators.stream().anyMatch(v -> v.supports(language));
    }

    /**
     * Fails before any money is spent when no validator can check the language.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION}
     */
    public void requireSupport(Language language) {
        if (!supports(language)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no validator supports " + language.id()
                    + "; configured validators: " + validators.stream().map(Validator::name).toList(),
                    Map.of("language", language.id()));
        }
    }

    /**
     * The joined report of all validators for the target's language.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when none supports it
     */
    @Override
    public ValidationReport validate(ValidationTarget target) {
        requireSupport(target.language());
        ValidationReport report = ValidationReport.empty();
        for (Validator validator : validators) {
            if (validator.supports(target.language())) {
                report = report.plus(validator.validate(target));
            }
        }
        return report;
    }
}
