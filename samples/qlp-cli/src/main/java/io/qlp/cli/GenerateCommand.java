package io.qlp.cli;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.ProgressEvent;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CapsuleDirectory;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.config.GeneratorFactory;
import io.qlp.core.config.QlpSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp generate}: one request to a validated capsule written under {@code --out}.
 *
 * <p>Example: {@code qlp generate "A stack of ints, with tests" --language java --out out --config qlp.yaml}
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates a capsule from a description, validates it, and writes it under --out.")
public final class GenerateCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESCRIPTION", description = "What to build, in plain language.")
    private String description = "";

    @Option(names = "--language", defaultValue = "java", description = "Target language: java, python, javascript.")
    private String language = "java";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the capsule into.")
    private Path out = Path.of(".");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with qlp.* settings.")
    private @Nullable Path config;

    @Option(names = "--requirement", paramLabel = "TEXT", description = "A requirement; repeatable.")
    private List<String> requirements = new ArrayList<>();

    @Option(names = "--tier", paramLabel = "TIER", description = "Force a tier: T0, T1, T2 or T3.")
    private @Nullable String tier;

    @Option(names = "--budget", paramLabel = "USD",
            description = "Most this request may spend on model calls; qlp.budget.max-usd-per-request wins if smaller.")
    private java.math.@Nullable BigDecimal budget;

    @Option(names = "--budget-key", paramLabel = "KEY",
            description = "Key whose daily budget (qlp.budget.daily-usd-per-key) this request spends.")
    private @Nullable String budgetKey;

    @Option(names = "--json", description = "Print a JSON summary to stdout.")
    private boolean json;

    @Option(names = "--no-worker", description = "With qlp.orchestration: temporal, start the workflow and wait,"
            + " leaving its work to a running 'qlp worker'.")
    private boolean noWorker;

    GenerateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec().commandLine().getErr();
        PrintWriter stdout = spec().commandLine().getOut();
        CapsuleRequest.Builder requestBuilder = CapsuleRequest.builder()
                .description(description)
                .language(Language.fromId(language))
                .requirements(requirements)
                .tierOverride(tier == null ? null : parseTier(tier))
                .budgetUsd(budget);
        if (budgetKey != null) {
            requestBuilder.metadata(io.qlp.core.BudgetLedger.KEY_METADATA, budgetKey);
        }
        CapsuleRequest request = requestBuilder.build();
        QlpSettings settings = ConfigLoader.load(config, environment);
        boolean durable = settings.orchestration().isTemporal();
        if (noWorker && !durable) {
            throw new picocli.CommandLine.ParameterException(spec().commandLine(),
                    "--no-worker needs qlp.orchestration: temporal in the --config file");
        }
        if (settings.tiers().isEmpty() && !noWorker) {
            err.println(ConfigLoader.howToConfigure());
            return ExitCodes.USAGE;
        }
        if (durable) {
            // A Temporal workflow; its worker (here, unless --no-worker) builds the pipeline from the same settings.
            return written(DurableGeneration.run(settings, environment, request, noWorker, err), stdout);
        }
        CapsuleGenerator.Builder builder = GeneratorFactory.builderFrom(settings, environment::get)
                .listener(event -> progress(err, event));
        // The configured store (embedded under qlp.data-dir by default), so a later qlp list sees the capsule.
        CapsuleStore store = GeneratorFactory.openStore(settings, environment::get);
        builder.store(store);
        Capsule capsule;
        // Memory and caches live under qlp.data-dir, so the next run sees what this one stored.
        try (AutoCloseable memoryAndCaches = GeneratorFactory.addMemoryAndCaches(builder, settings, environment::get)) {
            capsule = builder.build().generate(request);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing memory and caches failed: " + e, e);
        } finally {
            store.close();
        }
        return written(capsule, stdout);
    }

    private int written(Capsule capsule, PrintWriter stdout) {
        CapsuleDirectory.write(capsule, out);
        if (json) {
            stdout.println(JsonOutput.capsuleSummary(capsule));
        } else {
            summary(stdout, capsule);
        }
        return capsule.status() == CapsuleStatus.VALIDATED ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
    }

    private Tier parseTier(String text) {
        try {
            return Tier.parse(text);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec().commandLine(), e.getMessage());
        }
    }

    private static void progress(PrintWriter err, ProgressEvent event) {
        if (event.stage() == Stage.ROUTE && event.tier() == null) {
            err.println("capsule " + event.capsuleId());
            return;
        }
        String tierText = event.tier() == null ? "" : " " + event.tier();
        err.println("[" + event.stage().name().toLowerCase(java.util.Locale.ROOT) + tierText
                + (event.attempt() > 0 ? " #" + event.attempt() : "") + "] " + event.message());
        err.flush();
    }

    private void summary(PrintWriter stdout, Capsule capsule) {
        stdout.println(capsule.status() + " after " + capsule.attempts().size() + " attempt(s): " + capsule.id());
        stdout.println("files written under " + out.toAbsolutePath().normalize() + ":");
        capsule.files().forEach(f -> stdout.println("  " + f.path()));
        for (Finding finding : capsule.validation().errors()) {
            stdout.println("  [" + finding.stage() + "] " + finding.describe());
        }
        stdout.println("tokens in/out: " + capsule.usage().inputTokens() + "/" + capsule.usage().outputTokens()
                + ", cost USD " + capsule.usage().costUsd().toPlainString());
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
