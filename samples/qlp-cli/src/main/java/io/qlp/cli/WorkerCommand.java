package io.qlp.cli;

import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.TemporalCapsuleWorker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qlp worker}: runs capsule workflows and their activities on {@code qlp.temporal.task-queue} until
 * interrupted (Ctrl-C), with the models, router, validators, store and memory of the same settings as
 * {@code qlp generate}.
 *
 * <p>Example: {@code qlp worker --config qlp.yaml}
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Runs a Temporal worker for capsule workflows until interrupted.")
public final class WorkerCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "YAML file with qlp.tiers and qlp.temporal settings.")
    private Path config = Path.of("qlp.yaml");

    WorkerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec().commandLine().getErr();
        QlpSettings settings = ConfigLoader.load(config, environment);
        if (settings.tiers().isEmpty()) {
            err.println(ConfigLoader.howToConfigure());
            return ExitCodes.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (TemporalCapsuleWorker worker = TemporalCapsuleWorker.fromSettings(settings, environment::get)) {
            // Ctrl-C: the hook stops polling and lets running tasks end before the JVM exits.
            Thread hook = new Thread(() -> {
                worker.close();
                stopped.countDown();
            }, "qlp-worker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            worker.start();
            err.println("worker polling task queue " + worker.taskQueue() + " at "
                    + settings.temporal().resolvedTarget() + "; Ctrl-C stops it");
            err.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(hook);
            }
        }
        err.println("worker stopped");
        err.flush();
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook is running.
        }
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
