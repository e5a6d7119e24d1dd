package io.qlp.cli;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ProgressEvent;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.CapsuleRun;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalCapsuleWorker;
import io.qlp.core.orchestration.TemporalConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code qlp generate} with {@code qlp.orchestration: temporal}: starts the capsule workflow and waits for it,
 * running a worker in this process unless told not to.
 *
 * <p>Example: {@code Capsule capsule = DurableGeneration.run(settings, environment, request, false, err);}
 */
final class DurableGeneration {

    private DurableGeneration() {
    }

    /**
     * Starts the workflow, prints the capsule id and the workflow id as the first lines on {@code err}, prints
     * progress, and returns the capsule.
     *
     * @param noWorker whether another process runs the worker
     */
    static Capsule run(QlpSettings settings, Map<String, String> environment, CapsuleRequest request,
                       boolean noWorker, PrintWriter err) {
        TemporalCapsuleWorker worker = noWorker ? null : TemporalCapsuleWorker.fromSettings(settings, environment::get);
        try (TemporalConnection temporal = TemporalConnection.open(settings.temporal())) {
            if (worker != null) {
                worker.start();
            }
            TemporalCapsuleClient client = TemporalCapsuleClient.of(temporal);
            CapsuleRun run = client.start(request);
            err.println("capsule " + run.capsuleId());
            err.println("workflow " + run.workflowId());
            err.flush();
            return client.await(run, event -> progress(err, event));
        } finally {
            close(worker);
        }
    }

    private static void close(@Nullable TemporalCapsuleWorker worker) {
        if (worker != null) {
            worker.close();
        }
    }

    private static void progress(PrintWriter err, ProgressEvent event) {
        String tier = event.tier() == null ? "" : " " + event.tier();
        err.println("[" + event.stage().name().toLowerCase(Locale.ROOT) + tier
                + (event.attempt() > 0 ? " #" + event.attempt() : "") + "] " + event.message());
        err.flush();
    }
}
