package io.qlp.cli;

import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.CompositeValidator;
import io.qlp.core.version.CapsuleVersioning;
import io.qlp.core.version.FileDiff;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp diff}: unified diffs of every file that differs between two versions of a capsule.
 *
 * <p>Example: {@code qlp diff 3f2a… 1 2 | less}
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Prints unified diffs of the files that differ between versions V1 and V2 of capsule ID.")
public final class DiffCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The capsule id.")
    private String id = "";

    @Parameters(index = "1", paramLabel = "V1", description = "The older version.")
    private int from;

    @Parameters(index = "2", paramLabel = "V2", description = "The newer version.")
    private int to;

    @Override
    public Integer call() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<FileDiff> diffs;
        try (CapsuleStore store = options.openStore()) {
            // Diffing validates nothing; the validator is there because the service also creates versions.
            diffs = CapsuleVersioning.builder().store(store).validator(CompositeValidator.of(List.of())).build()
                    .diff(id, from, to);
        }
        diffs.forEach(diff -> out.print(diff.unifiedDiff()));
        if (diffs.isEmpty()) {
            spec.commandLine().getErr().println("versions " + from + " and " + to + " have the same files");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
