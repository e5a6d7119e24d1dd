package io.qlp.core.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.api.ErrorCode;
import io.qlp.api.FileChange;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.core.json.CapsuleJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Changes to apply to a capsule as one new version, with the version they were written against.
 *
 * <p>JSON form (the file {@code qlp version --changes} reads):
 * <pre>{@code
 * {"baseVersion": 3,
 *  "changes": [{"op": "create", "path": "src/A.java", "content": "..."},
 *              {"op": "modify", "path": "src/B.java", "content": "..."},
 *              {"op": "delete", "path": "notes.txt"},
 *              {"op": "rename", "path": "README.txt", "to": "README.md"}]}
 * }</pre>
 *
 * <p>Example: {@code ChangeSet.of(List.of(FileChange.delete("notes.txt"))).basedOn(3)}
 *
 * @param baseVersion the version the changes were written against; null means the latest, so only concurrent
 *     writers can conflict
 * @param changes the changes, applied in order; at least one
 */
public record ChangeSet(@Nullable Integer baseVersion, List<FileChange> changes) {

    /** Most changes in one set. */
    public static final int MAX_CHANGES = 10_000;

    private static final ObjectMapper JSON = CapsuleJson.mapper();
    private static final Set<String> CHANGE_FIELDS = Set.of("op", "path", "content", "to");

    /**
     * Copies the changes and checks the counts.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when there are no changes or too
     *     many, or the base version is below 1
     */
    public ChangeSet {
        changes = List.copyOf(changes);
        if (changes.isEmpty() || changes.size() > MAX_CHANGES) {
            throw invalid("a change set needs 1 to " + MAX_CHANGES + " changes, had " + changes.size(), "changes");
        }
        if (baseVersion != null && baseVersion < 1) {
            throw invalid("baseVersion must be at least 1, was " + baseVersion, "baseVersion");
        }
    }

    /** Changes against the latest version. */
    public static ChangeSet of(List<FileChange> changes) {
        return new ChangeSet(null, changes);
    }

    /** A copy based on {@code version}. */
    public ChangeSet basedOn(int version) {
        return new ChangeSet(version, changes);
    }

    /**
     * Reads the JSON form.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} naming the problem (and the index of
     *     the change), or {@link ErrorCode#UNSAFE_PATH}
     */
    public static ChangeSet fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("changes file is not valid JSON: " + e.getOriginalMessage(), "changes");
        }
        if (root == null || !root.isObject() || !root.path("changes").isArray()) {
            throw invalid("changes file must be an object with a \"changes\" array", "changes");
        }
        Integer base = null;
        if (root.has("baseVersion")) {
            if (!root.get("baseVersion").canConvertToExactIntegral()) {
                throw invalid("baseVersion must be a whole number, was " + root.get("baseVersion"), "baseVersion");
            }
            base = root.get("baseVersion").asInt();
        }
        List<FileChange> changes = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("changes")) {
            changes.add(change(node, index++));
        }
        return new ChangeSet(base, changes);
    }

    private static FileChange change(JsonNode node, int index) {
        if (!node.isObject()) {
            throw invalid("changes[" + index + "] must be an object", "changes[" + index + "]");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHANGE_FIELDS.contains(name)) {
                throw invalid("changes[" + index + "] has an unknown field '" + name + "'; expected op, path,"
                        + " content, to", "changes[" + index + "]." + name);
            }
        }
        String op = text(node, "op", index);
        String path = text(node, "path", index);
        if (op == null || path == null) {
            throw invalid("changes[" + index + "] needs \"op\" and \"path\"", "changes[" + index + "]");
        }
        try {
            return new FileChange(FileChange.Operation.fromId(op), path, text(node, "content", index),
                    text(node, "to", index));
        } catch (NonRetriableQlpException e) {
            throw new NonRetriableQlpException(e.errorCode(), "changes[" + index + "]: " + e.rawMessage(),
                    Map.of("field", "changes[" + index + "]", "path", path));
        }
    }

    private static @Nullable String text(JsonNode node, String field, int index) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("changes[" + index + "]." + field + " must be a string", "changes[" + index + "]." + field);
        }
        return value.asText();
    }

    private static NonRetriableQlpException invalid(String message, String field) {
        return new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }
}
