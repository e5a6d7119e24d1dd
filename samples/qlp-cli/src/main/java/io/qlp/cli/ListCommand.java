package io.qlp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp list}: the stored capsules, newest first, filtered and paged.
 *
 * <p>Example: {@code qlp list --status VALIDATED --language java --text parser --since 2026-01-01T00:00:00Z --json}
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists stored capsules, newest first; --json prints one line per capsule:"
                + " {id, status, language, created, version, description}.")
public final class ListCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Option(names = "--json", description = "One JSON object per line.")
    private boolean json;

    @Option(names = "--status", paramLabel = "STATUS", description = "VALIDATED, FAILED_VALIDATION or NO_PROGRESS.")
    private @Nullable String status;

    @Option(names = "--language", paramLabel = "LANG", description = "java, python or javascript.")
    private @Nullable String language;

    @Option(names = "--text", paramLabel = "TEXT", description = "Only capsules whose id or description contains it.")
    private @Nullable String text;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Created at or after, ISO-8601 (2026-01-31T00:00:00Z).")
    private @Nullable String since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Created before, ISO-8601.")
    private @Nullable String until;

    @Option(names = "--offset", defaultValue = "0", description = "Capsules to skip; default ${DEFAULT-VALUE}.")
    private int offset;

    @Option(names = "--limit", defaultValue = "50", description = "Most capsules to print; default ${DEFAULT-VALUE}.")
    private int limit = 50;

    @Override
    public Integer call() {
        CapsuleQuery query = query();
        PrintWriter out = commandSpec().commandLine().getOut();
        try (CapsuleStore store = options.openStore()) {
            List<Capsule> capsules = store.list(query);
            for (Capsule capsule : capsules) {
                int version = store.history(capsule.id()).size();
                out.println(json ? line(capsule, version) : human(capsule, version));
            }
            if (!json && capsules.isEmpty()) {
                out.println("no capsules" + (query.offset() > 0 ? " after the first " + query.offset() : ""));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private CapsuleQuery query() {
        CapsuleQuery.Builder builder = CapsuleQuery.builder();
        try {
            if (status != null) builder.status(CapsuleStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
            if (language != null) builder.language(Language.fromId(language));
            if (text != null) builder.text(text);
            if (since != null) builder.createdFrom(Instant.parse(since));
            if (until != null) builder.createdBefore(Instant.parse(until));
            return builder.page(offset, limit).build();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(commandSpec().commandLine(), e.getMessage());
        }
    }

    private static String line(Capsule capsule, int version) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", capsule.id());
        node.put("status", capsule.status().name());
        node.put("language", capsule.request().language().id());
        node.put("created", capsule.manifest().createdAt().toString());
        node.put("version", version);
        node.put("description", capsule.request().description());
        return node.toString();
    }

    private static String human(Capsule capsule, int version) {
        String description = capsule.request().description().replaceAll("\\s+", " ");
        if (description.length() > 60) {
            description = description.substring(0, 57) + "...";
        }
        return String.format(Locale.ROOT, "%-36s  %-17s  %-10s  %-24s  v%-3d %s", capsule.id(), capsule.status(),
                capsule.request().language().id(), capsule.manifest().createdAt(), version, description);
    }

    private CommandSpec commandSpec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
