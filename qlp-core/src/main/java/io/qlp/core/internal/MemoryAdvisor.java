package io.qlp.core.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.FileRole;
import io.qlp.api.spi.MemoryHit;
import io.qlp.api.spi.MemoryQuery;
import io.qlp.api.spi.MemoryRecord;
import io.qlp.api.spi.MemoryStore;
import io.qlp.core.json.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts validated code from similar past requests into prompts, and remembers the code of validated capsules.
 * Memory only helps: when the store or the embedding model fails, generation goes on without it.
 */
public final class MemoryAdvisor {

    /** Collection of validated source files. */
    public static final String CODE_PATTERNS = "code_patterns";
    static final int TOP_K = 3;
    static final double MIN_SCORE = 0.35;
    /** Characters of remembered code per prompt, so memory never crowds out the request. */
    static final int PROMPT_BUDGET_CHARS = 6_000;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryAdvisor.class);
    private static final MemoryAdvisor DISABLED = new MemoryAdvisor(null, null);

    private final @Nullable MemoryStore store;
    private final @Nullable EmbeddingModel embeddings;

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

    /** Remembered code for requests like this one, same language, best first, within the prompt budget. */
    public List<String> recall(CapsuleRequest request) {
        if (store == null || embeddings == null) {
            return List.of();
        }
        try {
            float[] vector = embeddings.embed(request.description()).content().vector();
            List<MemoryHit> hits = store.search(new MemoryQuery(CODE_PATTERNS, vector, TOP_K,
                    Map.of("language", request.language().id()), MIN_SCORE));
            Set<String> distinct = new LinkedHashSet<>();
            int used = 0;
            for (MemoryHit hit : hits) {
                String text = hit.record().text();
                if (used + text.length() <= PROMPT_BUDGET_CHARS && distinct.add(text)) {
                    used += text.length();
                }
            }
            return List.copyOf(distinct);
        } catch (RuntimeException e) {
            LOG.warn("memory recall failed, generating without it: {}", e.toString());
            return List.of();
        }
    }

    /** Stores the source files of a validated capsule, keyed by content so repeats are not stored twice. */
    public void remember(Capsule capsule) {
        if (store == null || embeddings == null) {
            return;
        }
        try {
            // Records are found by the request that produced them, so each is embedded as that request.
            float[] vector = embeddings.embed(capsule.request().description()).content().vector();
            List<MemoryRecord> records = new ArrayList<>();
            for (CapsuleFile file : capsule.files()) {
                if (file.role() != FileRole.SOURCE) {
                    continue;
                }
                String text = "// " + file.path() + "\n" + file.content();
                records.add(new MemoryRecord(Manifests.sha256Hex(text), CODE_PATTERNS, text, vector,
                        Map.of("language", capsule.request().language().id(), "capsule", capsule.id())));
            }
            if (!records.isEmpty()) {
                store.upsert(records);
            }
        } catch (RuntimeException e) {
            LOG.warn("memory write failed for capsule {}: {}", capsule.id(), e.toString());
        }
    }
}
