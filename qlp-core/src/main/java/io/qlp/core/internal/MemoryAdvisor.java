package io.qlp.core.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.FileRole;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.cache.internal.EmbeddingModelIds;
import io.qlp.core.json.Manifests;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what QLP learned from similar past requests into prompts, and remembers what validated capsules teach.
 * After a validated capsule it stores the request ({@value #REQUIREMENTS}), its main source files cut into one
 * chunk per type or function ({@value #CODE_PATTERNS}) and the errors its repair rounds fixed ({@value #ERRORS}),
 * all embedded as the request that produced them, so a new request finds them by meaning. Before generating it
 * retrieves patterns and errors of the same language, best first, without duplicates, within a token budget.
 * Memory only helps: when the store or the embedding model fails, generation goes on without it.
 */
public final class MemoryAdvisor {

    /** Collection of validated source chunks. */
    public static final String CODE_PATTERNS = "code_patterns";
    /** Collection of requests that led to validated capsules. */
    public static final String REQUIREMENTS = "requirements";
    /** Collection of validation errors that a repair round fixed. */
    public static final String ERRORS = "errors";
    static final int PATTERN_CANDIDATES = 8;
    static final int ERROR_CANDIDATES = 4;
    static final double MIN_SCORE = 0.35;
    /** Estimated tokens of remembered text per prompt, so memory never crowds out the request. */
    static final int PROMPT_BUDGET_TOKENS = 1_500;
    /** Longest chunk stored; a longer type is cut at its members. */
    static final int MAX_CHUNK_CHARS = 2_000;
    /** How a remembered error starts in a prompt. */
    public static final String ERROR_PREFIX = "A mistake made before on a similar request (fixed by a repair round): ";

    private static final Logger LOG = LoggerFactory.getLogger(MemoryAdvisor.class);
    private static final MemoryAdvisor DISABLED = new MemoryAdvisor(null, null);

    private final @Nullable MemoryStore store;
    private final @Nullable EmbeddingModel embeddings;
    private volatile @Nullable String modelId;

    /**
     * What {@link #recall} found.
     *
     * @param texts remembered texts for the prompt, best first
     * @param ids {@code collection/id} of each record used
     */
    public record Recall(List<String> texts, List<String> ids) {

        /** Nothing remembered. */
        public static final Recall NONE = new Recall(List.of(), List.of());

        /** Copies the lists. */
        public Recall {
            texts = List.copyOf(texts);
            ids = List.copyOf(ids);
        }
    }

    private MemoryAdvisor(@Nullable MemoryStore store, @Nullable EmbeddingModel embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    /** An advisor over this store and embedding model. */
    public static MemoryAdvisor using(MemoryStore store, EmbeddingModel embeddings) {
        return new MemoryAdvisor(store, embeddings);
    }

    /** An advisor that remembers nothing. */
    public static MemoryAdvisor disabled() {
        return DISABLED;
    }

    private String modelId(EmbeddingModel model) {
        String id = modelId;
        if (id == null) {
            id = EmbeddingModelIds.of(model);
            modelId = id;
        }
        return id;
    }

    /** Remembered patterns and errors for requests like this one, same language, within the prompt budget. */
    public Recall recall(CapsuleRequest request) {
        if (store == null || embeddings == null) {
            return Recall.NONE;
        }
        try {
            float[] vector = embeddings.embed(request.description()).content().vector();
            String model = modelId(embeddings);
            Map<String, String> sameLanguage = Map.of("language", request.language().id());
            List<MemoryHit> hits = new ArrayList<>();
            hits.addAll(store.search(new MemoryQuery(CODE_PATTERNS, vector, model, PATTERN_CANDIDATES, sameLanguage,
                    MIN_SCORE)));
            hits.addAll(store.search(new MemoryQuery(ERRORS, vector, model, ERROR_CANDIDATES, sameLanguage,
                    MIN_SCORE)));
            hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
            Set<String> seen = new LinkedHashSet<>();
            List<String> texts = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int budget = PROMPT_BUDGET_TOKENS;
            for (MemoryHit hit : hits) {
                String text = hit.record().text().strip();
                int tokens = estimatedTokens(text);
                if (tokens <= budget && seen.add(normalized(text))) {
                    texts.add(text);
                    ids.add(hit.record().collection() + "/" + hit.record().id());
                    budget -= tokens;
                }
            }
            return new Recall(texts, ids);
        } catch (RuntimeException e) {
            LOG.warn("memory recall failed, generating without it: {}", e.toString());
            return Recall.NONE;
        }
    }

    // About four characters per token for code and English; close enough for a budget.
    static int estimatedTokens(String text) {
        return (text.length() + 3) / 4;
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * Stores what a validated capsule teaches: its request, its main source files in chunks, and the errors that
     * repair rounds fixed. Ids are derived from content, so remembering the same thing twice stores it once.
     */
    public void remember(Capsule capsule, Collection<Finding> fixedErrors) {
        if (store == null || embeddings == null) {
            return;
        }
        try {
            CapsuleRequest request = capsule.request();
            // Records are found by the request that produced them, so each is embedded as that request.
            float[] vector = embeddings.embed(request.description()).content().vector();
            String model = modelId(embeddings);
            Map<String, String> metadata = new HashMap<>();
            metadata.put("language", request.language().id());
            metadata.put("capsule", capsule.id());
            metadata.put("outcome", capsule.status().name().toLowerCase(java.util.Locale.ROOT));
            if (request.framework() != null) {
                metadata.put("framework", request.framework());
            }
            if (!capsule.manifest().tiersUsed().isEmpty()) {
                metadata.put("tier", capsule.manifest().tiersUsed().get(capsule.manifest().tiersUsed().size() - 1)
                        .name());
            }
            String language = request.language().id();
            Map<String, MemoryRecord> records = new LinkedHashMap<>();
            String requirement = requirementText(request);
            add(records, REQUIREMENTS, language, requirement, vector, model, metadata);
            for (CapsuleFile file : capsule.files()) {
                if (file.role() == FileRole.SOURCE) {
                    for (String chunk : chunks(file.content(), request.language())) {
                        add(records, CODE_PATTERNS, language, "// " + file.path() + "\n" + chunk, vector, model,
                                metadata);
                    }
                }
            }
            for (Finding error : fixedErrors) {
                add(records, ERRORS, language, ERROR_PREFIX + "[" + error.stage() + "] " + error.describe(), vector,
                        model, metadata);
            }
            store.upsert(List.copyOf(records.values()));
        } catch (RuntimeException e) {
            LOG.warn("memory write failed for capsule {}: {}", capsule.id(), e.toString());
        }
    }

    private static void add(Map<String, MemoryRecord> records, String collection, String language, String text,
                            float[] vector, String model, Map<String, String> metadata) {
        String id = Manifests.sha256Hex(language + "\n" + text);
        records.put(collection + "/" + id, new MemoryRecord(id, collection, text, vector, model, metadata));
    }

    private static String requirementText(CapsuleRequest request) {
        StringBuilder text = new StringBuilder(request.description().strip());
        request.requirements().forEach(item -> text.append("\n- ").append(item.strip()));
        request.constraints().forEach(item -> text.append("\n- must not: ").append(item.strip()));
        return text.toString();
    }

    private static final Pattern PYTHON_TOP_LEVEL = Pattern.compile("(?m)^(?=(?:async\\s+def|def|class|@)\\s*\\w)");
    private static final Pattern JS_TOP_LEVEL = Pattern.compile(
            "(?m)^(?=(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?(?:function|class|const|let|var)\\b|module\\.exports)");

    /**
     * The file cut into one chunk per top-level type or function. Java types longer than
     * {@value #MAX_CHUNK_CHARS} characters are cut further at their members, each chunk keeping the type's header.
     */
    static List<String> chunks(String content, Language language) {
        List<String> pieces = switch (language) {
            case JAVA -> javaChunks(content);
            case PYTHON -> split(content, PYTHON_TOP_LEVEL);
            case JAVASCRIPT -> split(content, JS_TOP_LEVEL);
        };
        List<String> chunks = new ArrayList<>();
        for (String piece : pieces) {
            String stripped = piece.strip();
            if (!stripped.isEmpty()) {
                chunks.add(stripped.length() <= MAX_CHUNK_CHARS ? stripped : stripped.substring(0, MAX_CHUNK_CHARS));
            }
        }
        return chunks;
    }

    private static List<String> split(String content, Pattern boundary) {
        List<String> pieces = new ArrayList<>();
        String[] parts = boundary.split(content);
        StringBuilder preamble = new StringBuilder();
        for (String part : parts) {
            // Imports and decorators alone teach nothing; they join the definition that follows.
            if (part.strip().isEmpty() || isPreamble(part)) {
                preamble.append(part);
                continue;
            }
            pieces.add(preamble + part);
            preamble.setLength(0);
        }
        if (!preamble.isEmpty() && !pieces.isEmpty()) {
            pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + preamble);
        }
        return pieces;
    }

    private static boolean isPreamble(String part) {
        String stripped = part.strip();
        return stripped.startsWith("@") && !stripped.contains("\n")
                || stripped.lines().allMatch(line -> line.isBlank() || line.startsWith("import ")
                || line.startsWith("from ") || line.startsWith("#") || line.startsWith("//")
                || line.startsWith("'use strict'") || line.startsWith("\"use strict\""));
    }

    /** Java: one chunk per top-level type; a long type becomes its header plus one member group per chunk. */
    private static List<String> javaChunks(String content) {
        List<String> types = new ArrayList<>();
        int depth = 0;
        int typeStart = -1;
        List<Integer> members = new ArrayList<>();
        boolean inString = false;
        boolean inChar = false;
        boolean inLineComment = false;
        boolean inBlockComment = false;
        int headerEnd = -1;
        String header = "";
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            char next = i + 1 < content.length() ? content.charAt(i + 1) : '\0';
            if (inLineComment) {
                inLineComment = c != '\n';
                continue;
            }
            if (inBlockComment) {
                if (c == '*' && next == '/') {
                    inBlockComment = false;
                    i++;
                }
                continue;
            }
            if (inString || inChar) {
                if (c == '\\') {
                    i++;
                } else if (inString && c == '"' || inChar && c == '\'') {
                    inString = false;
                    inChar = false;
                }
                continue;
            }
            if (c == '/' && next == '/') {
                inLineComment = true;
                continue;
            }
            if (c == '/' && next == '*') {
                inBlockComment = true;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '\'') {
                inChar = true;
            } else if (c == '{') {
                if (depth == 0) {
                    typeStart = lineStart(content, i);
                    int declarationStart = declarationStart(content, typeStart);
                    typeStart = declarationStart;
                    headerEnd = i + 1;
                    header = content.substring(typeStart, headerEnd);
                    members.clear();
                }
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 1) {
                    members.add(i + 1);
                }
                if (depth == 0 && typeStart >= 0) {
                    String type = content.substring(typeStart, i + 1);
                    if (type.length() <= MAX_CHUNK_CHARS || members.size() < 2) {
                        types.add(type);
                    } else {
                        int from = headerEnd;
                        StringBuilder group = new StringBuilder();
                        for (int end : members) {
                            String member = content.substring(from, end);
                            if (group.length() + member.length() > MAX_CHUNK_CHARS - header.length()
                                    && group.length() > 0) {
                                types.add(header + group + "\n    // ...\n}");
                                group.setLength(0);
                            }
                            group.append(member);
                            from = end;
                        }
                        if (group.length() > 0) {
                            types.add(header + group + "\n}");
                        }
                    }
                    typeStart = -1;
                }
            }
        }
        if (types.isEmpty() && !content.isBlank()) {
            types.add(content);
        }
        return types;
    }

    private static int lineStart(String content, int index) {
        int newline = content.lastIndexOf('\n', index);
        return newline + 1;
    }

    // A declaration may span lines (annotations, a wrapped extends list); take the lines back to a blank or a ';'.
    private static int declarationStart(String content, int lineStart) {
        int start = lineStart;
        while (start > 0) {
            int previousEnd = start - 1;
            int previousStart = lineStart(content, previousEnd - 1 < 0 ? 0 : previousEnd - 1);
            String previous = content.substring(previousStart, previousEnd).strip();
            if (previous.isEmpty() || previous.endsWith(";") || previous.endsWith("}") || previous.endsWith("*/")) {
                break;
            }
            start = previousStart;
        }
        return start;
    }
}
