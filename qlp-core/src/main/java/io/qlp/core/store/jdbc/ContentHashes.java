package io.qlp.core.store.jdbc;

import io.qlp.api.CapsuleFile;
import io.qlp.core.json.Manifests;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SHA-256 of each file's content, by path, and each distinct content by its hash, in hash order (the order in
 * which writers insert contents, so concurrent writers lock them in the same order).
 */
record ContentHashes(SortedMap<String, String> hashByPath, SortedMap<String, String> contentByHash) {

    ContentHashes {
        hashByPath = Collections.unmodifiableSortedMap(new TreeMap<>(hashByPath));
        contentByHash = Collections.unmodifiableSortedMap(new TreeMap<>(contentByHash));
    }

    static ContentHashes of(List<CapsuleFile> files) {
        SortedMap<String, String> hashByPath = new TreeMap<>();
        SortedMap<String, String> contentByHash = new TreeMap<>();
        for (CapsuleFile file : files) {
            String hash = Manifests.sha256Hex(file.content());
            hashByPath.put(file.path(), hash);
            contentByHash.put(hash, file.content());
        }
        return new ContentHashes(hashByPath, contentByHash);
    }
}
