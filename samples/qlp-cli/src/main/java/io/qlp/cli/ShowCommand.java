package io.qlp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.Finding;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.core.json.CapsuleJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp show}: one stored capsule, its files, validation, usage and version history.
 *
 * <p>Example: {@code qlp show 3f2a… --version 2 --json}
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a stored capsule (the latest version unless --version is given) and its history.")
public final class ShowCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = CapsuleJson.mapper();

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The capsule id.")
    private String id = "";

    @Option(names = "--version", paramLabel = "N", description = "Show this version instead of the latest.")
    private @Nullable Integer version;

    @Option(names = "--json", description = "Print the capsule as JSON, with \"version\" and \"history\".")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CapsuleStore store = options.openStore()) {
            List<CapsuleVersion> history = store.history(id);
            if (history.isEmpty()) {
                throw StoreOptions.notFound(id);
            }
            int shown = version != null ? version : history.get(history.size() - 1).number();
            Capsule capsule = store.findVersion(id, shown).orElseThrow(() -> new NonRetriableQlpException(
                    ErrorCode.VERSION_NOT_FOUND, "capsule '" + id + "' has no version " + shown + "; its versions are"
                    + " 1 to " + history.size(), Map.of("capsuleId", id, "version", shown)));
            out.println(json ? json(capsule, shown, history) : human(capsule, shown, history));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String json(Capsule capsule, int shown, List<CapsuleVersion> history)
            throws JsonProcessingException {
        ObjectNode root = (ObjectNode) JSON.readTree(CapsuleJson.writeCompact(capsule));
        root.put("version", shown);
        ArrayNode versions = root.putArray("history");
        history.forEach(v -> versions.add(JSON.valueToTree(v)));
        return root.toString();
    }

    private static String human(Capsule capsule, int shown, List<CapsuleVersion> history) {
        StringBuilder text = new StringBuilder();
        text.append("capsule   ").append(capsule.id()).append('\n')
                .append("version   ").append(shown).append(" of ").append(history.size()).append('\n')
                .append("status    ").append(capsule.status()).append('\n')
                .append("language  ").append(capsule.request().language().id()).append('\n')
                .append("created   ").append(capsule.manifest().createdAt()).append('\n')
                .append("request   ").append(capsule.request().description().replaceAll("\\s+", " ")).append('\n')
                .append("files:\n");
        capsule.files().forEach(f -> text.append("  ").append(f.path()).append("  (").append(f.role()
                .name().toLowerCase(java.util.Locale.ROOT)).append(", ").append(f.content().length())
                .append(" chars)\n"));
        text.append("validation: ").append(capsule.validation().passed() ? "passed" : "not passed");
        capsule.validation().stages().forEach(s -> text.append(' ').append(s.name()).append(s.passed() ? "✓" : "✗"));
        text.append('\n');
        for (Finding finding : capsule.validation().errors()) {
            text.append("  [").append(finding.stage()).append("] ").append(finding.describe()).append('\n');
        }
        text.append("usage: ").append(capsule.usage().totalCalls()).append(" call(s), tokens in/out ")
                .append(capsule.usage().inputTokens()).append('/').append(capsule.usage().outputTokens())
                .append(", cost USD ").append(capsule.usage().costUsd().toPlainString()).append('\n')
                .append("history:\n");
        for (CapsuleVersion v : history) {
            text.append("  v").append(v.number()).append(v.parent() == null ? "" : " <- v" + v.parent())
                    .append("  ").append(v.createdAt()).append("  ").append(v.status()).append("  ")
                    .append(v.author()).append(": ").append(v.message()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
