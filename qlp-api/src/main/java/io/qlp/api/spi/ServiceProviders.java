package io.qlp.api.spi;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The one place QLP uses {@link ServiceLoader}. It looks in the thread's context class loader first, then in the
 * factory type's own loader, and removes duplicates by name.
 *
 * <p>When exactly one provider is wanted, the system property {@code qlp.provider.<FactorySimpleName>}
 * (for example {@code -Dqlp.provider.TierRouterFactory=complexity}) picks one by name; without it, zero or several
 * providers are a {@link ErrorCode#PROVIDER_NOT_FOUND} error that lists what was found.
 *
 * <p>Example: {@code List<ValidatorFactory> all = ServiceProviders.loadAll(ValidatorFactory.class);}
 */
public final class ServiceProviders {

    private ServiceProviders() {
    }

    /** The system property that picks a provider of {@code factoryType} by name. */
    public static String selectionProperty(Class<?> factoryType) {
        return "qlp.provider." + factoryType.getSimpleName();
    }

    /** Every provider of {@code factoryType}, in discovery order, one per name. */
    public static <F extends ProviderFactory<?>> List<F> loadAll(Class<F> factoryType) {
        Map<String, F> byName = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            ServiceLoader.load(factoryType, context).forEach(f -> byName.putIfAbsent(f.name(), f));
        }
        ServiceLoader.load(factoryType, factoryType.getClassLoader()).forEach(f -> byName.putIfAbsent(f.name(), f));
        return List.copyOf(byName.values());
    }

    /**
     * The single provider of {@code factoryType}, or the one the selection property names.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#PROVIDER_NOT_FOUND} when zero or several are found
     */
    public static <F extends ProviderFactory<?>> F load(Class<F> factoryType) {
        String selected = System.getProperty(selectionProperty(factoryType));
        return load(factoryType, selected);
    }

    /**
     * The provider of {@code factoryType} named {@code name}, or the single one when {@code name} is null.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#PROVIDER_NOT_FOUND} when none matches, or when
     *     {@code name} is null and several are found
     */
    public static <F extends ProviderFactory<?>> F load(Class<F> factoryType, @Nullable String name) {
        List<F> all = loadAll(factoryType);
        List<String> names = new ArrayList<>();
        all.forEach(f -> names.add(f.name()));
        if (name != null && !name.isBlank()) {
            for (F factory : all) {
                if (factory.name().equals(name.trim())) {
                    return factory;
                }
            }
            throw new NonRetriableQlpException(ErrorCode.PROVIDER_NOT_FOUND, "no " + factoryType.getSimpleName()
                    + " named '" + name + "'; found " + names, Map.of("type", factoryType.getName(), "name", name));
        }
        if (all.isEmpty()) {
            throw new NonRetriableQlpException(ErrorCode.PROVIDER_NOT_FOUND, "no " + factoryType.getSimpleName()
                    + " on the classpath; add a module that provides one (see META-INF/services/"
                    + factoryType.getName() + ")", Map.of("type", factoryType.getName()));
        }
        if (all.size() > 1) {
            throw new NonRetriableQlpException(ErrorCode.PROVIDER_NOT_FOUND, "several " + factoryType.getSimpleName()
                    + " providers found " + names + "; pick one with -D" + selectionProperty(factoryType) + "=NAME",
                    Map.of("type", factoryType.getName(), "found", names));
        }
        return all.get(0);
    }
}
