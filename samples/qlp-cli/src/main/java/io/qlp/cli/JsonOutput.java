package io.qlp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.api.Capsule;
import io.qlp.api.Finding;
import io.qlp.api.StageResult;
import io.qlp.api.TierUsage;
import io.qlp.api.ValidationReport;
import java.util.List;

/**
 * The one-object JSON summaries the CLI prints with {@code --json}.
 *
 * <p>Example: {@code System.out.println(JsonOutput.capsuleSummary(capsule));}
 */
public final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonOutput() {
    }

    /** {@code {id, status, attempts, tiers, files, validation, usage}} for {@code qlp generate --json}. */
    public static String capsuleSummary(Capsule capsule) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", capsule.id());
        root.put("status", capsule.status().name());
        root.put("attempts", capsule.attempts().size());
        ArrayNode tiers = root.putArray("tiers");
        capsule.manifest().tiersUsed().forEach(t -> tiers.add(t.name()));
        ArrayNode files = root.putArray("files");
        capsule.manifest().sha256().forEach((path, sha) -> files.addObject().put("path", path).put("sha256", sha));
        ObjectNode validation = root.putObject("validation");
        validation.put("passed", capsule.validation().passed());
        addFindings(validation.putArray("findings"), capsule.validation().findings());
        ObjectNode usage = root.putObject("usage");
        usage.put("inputTokens", capsule.usage().inputTokens());
        usage.put("outputTokens", capsule.usage().outputTokens());
        usage.put("costUsd", capsule.usage().costUsd());
        ArrayNode perTier = usage.putArray("perTier");
        for (TierUsage tier : capsule.usage().perTier()) {
            perTier.addObject().put("tier", tier.tier().name()).put("calls", tier.calls())
                    .put("inputTokens", tier.inputTokens()).put("outputTokens", tier.outputTokens())
                    .put("costUsd", tier.costUsd());
        }
        return root.toString();
    }

    /** {@code {path, passed, language, stages, millis}} for one folder of {@code qlp validate --json}. */
    public static String folderVerdict(String path, String language, ValidationReport report, long millis) {
        ObjectNode root = JSON.createObjectNode();
        root.put("path", path);
        root.put("passed", report.passed());
        root.put("language", language);
        ArrayNode stages = root.putArray("stages");
        for (StageResult stage : report.stages()) {
            ObjectNode node = stages.addObject();
            node.put("name", stage.name());
            node.put("passed", stage.passed());
            node.put("millis", stage.millis());
            addFindings(node.putArray("findings"), stage.findings());
        }
        root.put("millis", millis);
        return root.toString();
    }

    /** {@code {path, passed:false, error:{code, message}}} for a folder that could not be validated. */
    public static String folderError(String path, String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("path", path);
        root.put("passed", false);
        root.putObject("error").put("code", code).put("message", message);
        return root.toString();
    }

    private static void addFindings(ArrayNode array, List<Finding> findings) {
        for (Finding finding : findings) {
            ObjectNode node = array.addObject();
            node.put("stage", finding.stage());
            node.put("severity", finding.severity().name());
            if (finding.file() != null) {
                node.put("file", finding.file());
            }
            node.put("line", finding.line());
            node.put("column", finding.column());
            node.put("rule", finding.rule());
            node.put("message", finding.message());
        }
    }
}
