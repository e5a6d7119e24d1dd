package io.qlp.spring.boot.internal;

import io.qlp.api.Language;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Validator} that hands each report to the {@link GenerationObserver}s, so that failures can be counted per
 * attempt and stage rather than only for the last attempt a capsule keeps.
 *
 * <p>Example: {@code builder.validator(new ObservedValidator(CompositeValidator.discover(), observers))}
 */
public final class ObservedValidator implements Validator {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedValidator.class);

    private final Validator delegate;
    private final List<GenerationObserver> observers;

    /** Observes {@code delegate}. */
    public ObservedValidator(Validator delegate, List<GenerationObserver> observers) {
        this.delegate = delegate;
        this.observers = List.copyOf(observers);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean supports(Language language) {
        return delegate.supports(language);
    }

    @Override
    public ValidationReport validate(ValidationTarget target) {
        ValidationReport report = delegate.validate(target);
        for (GenerationObserver observer : observers) {
            try {
                observer.onValidated(report);
            } catch (RuntimeException e) {
                LOG.warn("generation observer {} failed on a validation report: {}", observer, e.toString());
            }
        }
        return report;
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
