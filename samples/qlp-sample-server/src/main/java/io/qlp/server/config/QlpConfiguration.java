package io.qlp.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.CompositeValidator;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.version.CapsuleVersioning;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The QLP beans the server uses, built from {@code qlp.*} with {@link GeneratorFactory} as the CLI builds them: the
 * settings, the capsule store (embedded H2 under {@code qlp.data-dir} by default), the generator (only when a model
 * tier is configured) with memory and caches, and versioning. With {@code qlp.orchestration: temporal} the starter's
 * {@code QlpTemporalAutoConfiguration} adds the capsule worker over this generator (unless
 * {@code qlp.temporal.worker.enabled} is false, as in the {@code server} profile).
 *
 * <p>Example: {@code @Autowired CapsuleStore store;}
 */
@Configuration(proxyBeanMethods = false)
public class QlpConfiguration {

    /** The {@code qlp.*} settings. */
    @Bean
    QlpSettings qlpSettings(Environment environment) {
        return QlpSettingsBinder.bind(environment);
    }

    /** Closes memory stores and caches the generator opened, after the generator is gone. */
    @Bean
    OpenedResources qlpOpenedResources() {
        return new OpenedResources();
    }

    /** Where capsules are kept. */
    @Bean(destroyMethod = "close")
    CapsuleStore capsuleStore(QlpSettings settings, Environment environment) {
        return GeneratorFactory.openStore(settings, environment::getProperty);
    }

    /** The generator, when a model is configured. */
    @Bean
    @Conditional(OnModelConfigured.class)
    CapsuleGenerator capsuleGenerator(QlpSettings settings, CapsuleStore store, Environment environment,
                                      ObjectProvider<MeterRegistry> meters, OpenedResources opened) {
        CapsuleGenerator.Builder builder = GeneratorFactory.builderFrom(settings, environment::getProperty).store(store);
        meters.ifAvailable(builder::meterRegistry);
        opened.add(GeneratorFactory.addMemoryAndCaches(builder, settings, environment::getProperty));
        return builder.build();
    }

    /** New versions of stored capsules, validated again by the validators {@code qlp.validation} configures. */
    @Bean
    CapsuleVersioning capsuleVersioning(CapsuleStore store, QlpSettings settings) {
        return CapsuleVersioning.builder().store(store).validator(CompositeValidator.discover(settings.validation()))
                .build();
    }

    /** Resources to close when the application stops, newest first. */
    static final class OpenedResources implements DisposableBean {
        private final List<AutoCloseable> resources = new ArrayList<>();

        synchronized void add(AutoCloseable resource) {
            resources.add(resource);
        }

        @Override
        public synchronized void destroy() throws Exception {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            resources.clear();
        }
    }
}
