package io.qlp.cli;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.core.CompositeValidator;
import io.qlp.validation.DirectoryFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp validate}: validates existing project folders in one process, in parallel up to the number of cores,
 * and prints one verdict per folder in the order given. The validators are those on the class path, configured by
 * {@code qlp.validation} in the {@code --config} file.
 *
 * <p>Example: {@code qlp validate projects/a projects/b --json --config qlp.yaml}
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates project folders (Maven layout with JUnit 5 tests for Java). Exits 0 only if all pass.")
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Project folders to validate.")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON line per folder.")
    private boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file with qlp.* settings; qlp.validation.* chooses and configures the validators.")
    private @Nullable Path config;

    private final Map<String, String> environment;

    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** One folder's outcome, rendered once all are done. */
    private record Verdict(Path path, boolean passed, String line) {
    }

    @Override
    public Integer call() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter out = spec.commandLine().getOut();
        CompositeValidator validator = CompositeValidator.discover(ConfigLoader.load(config, environment).validation());
        int threads = Math.max(1, Math.min(paths.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Verdict>> running = new ArrayList<>();
            for (Path path : paths) {
                running.add(CompletableFuture.supplyAsync(() -> validate(validator, path), pool));
            }
            boolean allPassed = true;
            for (CompletableFuture<Verdict> future : running) {
                Verdict verdict = future.join();
                out.println(verdict.line());
                out.flush();
                allPassed &= verdict.passed();
            }
            return allPassed ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
        } finally {
            pool.shutdownNow();
        }
    }

    private Verdict validate(CompositeValidator validator, Path path) {
        long start = System.nanoTime();
        try {
            if (!Files.isDirectory(path)) {
                return failed(path, "invalid_request", "not a folder");
            }
            List<CapsuleFile> files = DirectoryFiles.read(path);
            Language language = DirectoryFiles.detectLanguage(files);
            ValidationReport report = validator.validate(new ValidationTarget(files, language));
            long millis = (System.nanoTime() - start) / 1_000_000;
            String line = json ? JsonOutput.folderVerdict(path.toString(), language.id(), report, millis)
                    : human(path, language, report, millis);
            return new Verdict(path, report.passed(), line);
        } catch (QlpException e) {
            return failed(path, e.errorCode().code(), e.getMessage());
        }
    }

    private Verdict failed(Path path, String code, String message) {
        String line = json ? JsonOutput.folderError(path.toString(), code, message)
                : "ERROR " + path + ": [" + code + "] " + message;
        return new Verdict(path, false, line);
    }

    private static String human(Path path, Language language, ValidationReport report, long millis) {
        StringBuilder text = new StringBuilder(report.passed() ? "PASS " : "FAIL ").append(path)
                .append(" (").append(language.id()).append(", ").append(millis).append(" ms)");
        for (Finding finding : report.errors()) {
            text.append("\n  [").append(finding.stage()).append("] ").append(finding.describe());
        }
        return text.toString();
    }
}
