package io.qlp.core.version;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Per-file unified diffs between two capsules, with renames found by identical content. */
final class UnifiedDiffs {

    private static final int CONTEXT_LINES = 3;
    private static final String NO_FILE = "/dev/null";

    private UnifiedDiffs() {
    }

    static List<FileDiff> between(Capsule older, int olderNumber, Capsule newer, int newerNumber) {
        Map<String, String> before = contents(older);
        Map<String, String> after = contents(newer);
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String path : before.keySet()) {
            if (!after.containsKey(path)) removed.add(path);
        }
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) added.add(path);
        }
        Map<String, String> renamedTo = new HashMap<>();
        for (String gone : removed) {
            for (String fresh : added) {
                if (!renamedTo.containsValue(fresh) && before.get(gone).equals(after.get(fresh))) {
                    renamedTo.put(gone, fresh);
                    break;
                }
            }
        }
        List<FileDiff> diffs = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        String olderLabel = " (version " + olderNumber + ")";
        String newerLabel = " (version " + newerNumber + ")";
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (renamedTo.containsKey(path)) {
                String to = renamedTo.get(path);
                diffs.add(new FileDiff(FileDiff.Kind.RENAMED, to, path, "--- a/" + path + olderLabel + "\n+++ b/" + to
                        + newerLabel + "\n"));
            } else if (renamedTo.containsValue(path)) {
                continue;
            } else if (old == null) {
                diffs.add(new FileDiff(FileDiff.Kind.ADDED, path, null, unified(NO_FILE, "b/" + path + newerLabel,
                        "", now)));
            } else if (now == null) {
                diffs.add(new FileDiff(FileDiff.Kind.REMOVED, path, null, unified("a/" + path + olderLabel, NO_FILE,
                        old, "")));
            } else if (!old.equals(now)) {
                diffs.add(new FileDiff(FileDiff.Kind.MODIFIED, path, null, unified("a/" + path + olderLabel,
                        "b/" + path + newerLabel, old, now)));
            }
        }
        return diffs;
    }

    private static String unified(String oldName, String newName, String old, String now) {
        List<String> oldLines = old.lines().toList();
        List<String> newLines = now.lines().toList();
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, oldLines, patch, CONTEXT_LINES);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        if (lines.isEmpty()) {
            // An empty file, or only line ends differ, which line-based diffing cannot show; say so.
            text.append("--- ").append(oldName).append("\n+++ ").append(newName).append('\n')
                    .append(old.isEmpty() && now.isEmpty() ? "(empty file)\n"
                            : "(only line ends or the final new line differ)\n");
        }
        return text.toString();
    }

    private static Map<String, String> contents(Capsule capsule) {
        Map<String, String> contents = new HashMap<>();
        for (CapsuleFile file : capsule.files()) {
            contents.put(file.path(), file.content());
        }
        return contents;
    }
}
