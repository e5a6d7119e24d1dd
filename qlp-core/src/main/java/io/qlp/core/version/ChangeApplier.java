package io.qlp.core.version;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.FileChange;
import io.qlp.api.FileRole;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Applies a change set to the latest files, after checking that nothing it touches changed since its base. */
final class ChangeApplier {

    private ChangeApplier() {
    }

    /**
     * Fails with {@link ErrorCode#VERSION_CONFLICT} naming every path the changes touch whose content in
     * {@code latest} differs from {@code base}.
     */
    static void checkConflicts(ChangeSet changes, Capsule base, int baseNumber, Capsule latest, int latestNumber) {
        if (baseNumber == latestNumber) {
            return;
        }
        Set<String> conflicting = new LinkedHashSet<>();
        for (FileChange change : changes.changes()) {
            for (String path : touched(change)) {
                if (!Objects.equals(content(base, path), content(latest, path))) {
                    conflicting.add(path);
                }
            }
        }
        if (!conflicting.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("capsuleId", latest.id());
            details.put("baseVersion", baseNumber);
            details.put("latestVersion", latestNumber);
            details.put("paths", List.copyOf(conflicting));
            throw new NonRetriableQlpException(ErrorCode.VERSION_CONFLICT, "the changes were written against version "
                    + baseNumber + " of capsule '" + latest.id() + "', but " + String.join(", ", conflicting)
                    + (conflicting.size() == 1 ? " was" : " were") + " changed since, in a version up to "
                    + latestNumber + "; merge with the latest version and try again",
                    ErrorContext.empty().withStage(Stage.STORE).withCapsuleId(latest.id()), details, null);
        }
    }

    /** The files after the changes, in the latest order with new files last. */
    static List<CapsuleFile> apply(ChangeSet changes, Capsule latest) {
        Map<String, CapsuleFile> files = new LinkedHashMap<>();
        latest.files().forEach(file -> files.put(file.path(), file));
        int index = 0;
        for (FileChange change : changes.changes()) {
            String where = "changes[" + index++ + "]: ";
            switch (change.operation()) {
                case CREATE -> {
                    if (files.containsKey(change.path())) {
                        throw invalid(where + change.path() + " already exists; use modify", change.path());
                    }
                    files.put(change.path(), CapsuleFile.of(change.path(), Objects.requireNonNull(change.content())));
                }
                case MODIFY -> {
                    CapsuleFile old = existing(files, change.path(), where);
                    files.put(change.path(), new CapsuleFile(old.path(), Objects.requireNonNull(change.content()),
                            old.role()));
                }
                case DELETE -> {
                    existing(files, change.path(), where);
                    files.remove(change.path());
                }
                case RENAME -> {
                    CapsuleFile old = existing(files, change.path(), where);
                    String to = Objects.requireNonNull(change.to());
                    if (files.containsKey(to)) {
                        throw invalid(where + "cannot rename " + change.path() + " to " + to + ", which exists", to);
                    }
                    Map<String, CapsuleFile> renamed = new LinkedHashMap<>();
                    files.forEach((path, file) -> {
                        if (path.equals(change.path())) {
                            renamed.put(to, new CapsuleFile(to, old.content(), FileRole.guess(to)));
                        } else {
                            renamed.put(path, file);
                        }
                    });
                    files.clear();
                    files.putAll(renamed);
                }
            }
        }
        if (files.isEmpty()) {
            throw invalid("the changes would delete every file; a capsule needs at least one", "changes");
        }
        List<CapsuleFile> result = new ArrayList<>(files.values());
        if (result.equals(latest.files())) {
            throw invalid("the changes leave every file as it is; nothing to store", "changes");
        }
        return result;
    }

    private static CapsuleFile existing(Map<String, CapsuleFile> files, String path, String where) {
        CapsuleFile file = files.get(path);
        if (file == null) {
            throw invalid(where + path + " does not exist in the latest version", path);
        }
        return file;
    }

    private static List<String> touched(FileChange change) {
        return change.to() == null ? List.of(change.path()) : List.of(change.path(), change.to());
    }

    private static Optional<String> content(Capsule capsule, String path) {
        return capsule.file(path).map(CapsuleFile::content);
    }

    private static NonRetriableQlpException invalid(String message, String path) {
        return new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, message, Map.of("path", path));
    }
}
