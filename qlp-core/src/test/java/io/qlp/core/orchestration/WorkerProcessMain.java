package io.qlp.core.orchestration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.config.QlpSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A capsule worker process for crash tests: builds a worker from a JSON config file the way {@code qlp worker} does,
 * prints {@value #READY} and runs until killed. Test fixture only.
 */
public final class WorkerProcessMain {

    /** Printed once the worker polls. */
    public static final String READY = "QLP WORKER READY";

    private WorkerProcessMain() {
    }

    /** {@code args[0]}: a JSON file with a {@code qlp} section. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, Object> tree = new ObjectMapper().readValue(Path.of(args[0]).toFile(), new TypeReference<>() {
        });
        TemporalCapsuleWorker worker = TemporalCapsuleWorker.fromSettings(QlpSettings.fromMap(tree), System::getenv);
        worker.start();
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
