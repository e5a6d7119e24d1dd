package io.qlp.core.decompose.internal;

import io.qlp.api.CapsuleFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Joins the files of several tasks: in task order, a later task's file replaces an earlier one at the same path. */
public final class FileMerge {

    private FileMerge() {
    }

    /** The merged files, each path once, in the order paths first appeared. */
    public static List<CapsuleFile> merge(List<List<CapsuleFile>> outputsInTaskOrder) {
        Map<String, CapsuleFile> byPath = new LinkedHashMap<>();
        for (List<CapsuleFile> output : outputsInTaskOrder) {
            for (CapsuleFile file : output) {
                byPath.put(file.path(), file);
            }
        }
        return new ArrayList<>(byPath.values());
    }
}
