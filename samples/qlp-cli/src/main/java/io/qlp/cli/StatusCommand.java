package io.qlp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.orchestration.RunProgress;
import io.qlp.core.orchestration.RunStatus;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalConnection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qlp status}: where a Temporal run is: the workflow's state, the stage it reached, and how it ended.
 *
 * <p>Example: {@code qlp status 3f2c… --config qlp.yaml --json}
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows where a capsule's Temporal run is: state, current stage, outcome.")
public final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The capsule id or the workflow id.")
    private String id = "";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with qlp.temporal settings.")
    private @Nullable Path config;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    StatusCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec().commandLine().getOut();
        QlpSettings settings = ConfigLoader.load(config, environment);
        RunStatus status;
        try (TemporalConnection temporal = TemporalConnection.open(settings.temporal())) {
            status = TemporalCapsuleClient.of(temporal).status(id);
        }
        if (json) {
            out.println(json(status));
        } else {
            text(out, status);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void text(PrintWriter out, RunStatus status) {
        out.println("capsule  " + status.capsuleId());
        out.println("workflow " + status.workflowId());
        out.println("state    " + status.state());
        RunProgress progress = status.progress();
        if (progress != null) {
            out.println("stage    " + progress.stage().name().toLowerCase(Locale.ROOT)
                    + (progress.tier() == null ? "" : " " + progress.tier())
                    + (progress.attempt() > 0 ? " #" + progress.attempt() : "") + ": " + progress.message());
            if (progress.tasksTotal() > 0) {
                out.println("tasks    " + progress.tasksDone() + "/" + progress.tasksTotal());
            }
        }
        if (status.capsuleStatus() != null) {
            out.println("capsule status " + status.capsuleStatus());
        }
        if (status.failure() != null) {
            out.println("failure  " + status.failure());
        }
    }

    private static String json(RunStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("capsuleId", status.capsuleId());
        root.put("workflowId", status.workflowId());
        root.put("state", status.state());
        RunProgress progress = status.progress();
        if (progress != null) {
            ObjectNode stage = root.putObject("progress");
            stage.put("stage", progress.stage().name());
            if (progress.tier() != null) {
                stage.put("tier", progress.tier().name());
            }
            stage.put("attempt", progress.attempt());
            stage.put("message", progress.message());
            stage.put("at", progress.at().toString());
            stage.put("tasksDone", progress.tasksDone());
            stage.put("tasksTotal", progress.tasksTotal());
        }
        if (status.capsuleStatus() != null) {
            root.put("capsuleStatus", status.capsuleStatus());
        }
        if (status.failure() != null) {
            root.put("failure", status.failure());
        }
        return root.toString();
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
