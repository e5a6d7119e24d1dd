package io.qlp.spring.boot;

import io.qlp.core.CapsuleGenerator;
import io.qlp.core.config.OrchestrationSettings;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalCapsuleWorker;
import io.qlp.core.orchestration.TemporalConnection;
import io.qlp.spring.boot.internal.WorkerLifecycle;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Durable generation on Temporal when the SDK is on the class path and {@code qlp.orchestration=temporal}:
 * <ul>
 *   <li>{@link TemporalConnection} to {@code qlp.temporal.target}, opened at startup (the context fails, naming
 *       the key, when Temporal does not answer) and closed with the context;</li>
 *   <li>{@link TemporalCapsuleClient}, to start capsule workflows and follow them;</li>
 *   <li>{@link TemporalCapsuleWorker} running the workflows with the auto-configured {@link CapsuleGenerator}'s
 *       tiers, router, validators, store and memory, started when the context is ready; off with
 *       {@code qlp.temporal.worker.enabled=false} in applications that only start workflows.</li>
 * </ul>
 *
 * <p>Example: {@code CapsuleRun run = temporalCapsuleClient.start(request);}
 */
@AutoConfiguration(after = QlpAutoConfiguration.class)
@ConditionalOnClass({WorkflowClient.class, TemporalCapsuleWorker.class})
@ConditionalOnProperty(name = "qlp.orchestration", havingValue = OrchestrationSettings.TEMPORAL)
public class QlpTemporalAutoConfiguration {

    /** The connection of {@code qlp.temporal}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TemporalConnection qlpTemporalConnection(QlpSettings settings) {
        return TemporalConnection.open(settings.temporal());
    }

    /** Starts and follows capsule workflows. */
    @Bean
    @ConditionalOnMissingBean
    public TemporalCapsuleClient qlpTemporalCapsuleClient(TemporalConnection connection) {
        return TemporalCapsuleClient.of(connection);
    }

    /** The worker, with the generator's pieces; closed by its lifecycle. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(CapsuleGenerator.class)
    @ConditionalOnBooleanProperty(name = "qlp.temporal.worker.enabled", matchIfMissing = true)
    public TemporalCapsuleWorker qlpTemporalWorker(TemporalConnection connection, CapsuleGenerator generator,
                                                   QlpSettings settings) {
        return TemporalCapsuleWorker.builder().connection(connection).generator(generator)
                .stickyExecution(settings.temporal().stickyExecutionEnabled()).build();
    }

    /** Polls the task queue once the context is ready. */
    @Bean
    @ConditionalOnBean(TemporalCapsuleWorker.class)
    @ConditionalOnMissingBean(WorkerLifecycle.class)
    public WorkerLifecycle qlpTemporalWorkerLifecycle(TemporalCapsuleWorker worker) {
        return new WorkerLifecycle(worker);
    }
}
