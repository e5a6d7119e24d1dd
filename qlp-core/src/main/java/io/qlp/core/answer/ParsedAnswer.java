package io.qlp.core.answer;

import io.qlp.api.CapsuleFile;
import java.util.List;
import java.util.Optional;

/**
 * The files read from one model answer, in the order they first appeared, one per path.
 *
 * <p>Example:
 * <pre>{@code
 * ParsedAnswer parsed = parser.parse(answer);
 * String code = parsed.file("src/main/java/demo/Durations.java").map(CapsuleFile::content).orElseThrow();
 * }</pre>
 *
 * @param files the files, with unique paths
 */
public record ParsedAnswer(List<CapsuleFile> files) {

    /** Copies the files. */
    public ParsedAnswer {
        files = List.copyOf(files);
    }

    /** The file at {@code path}, if the answer had one. */
    public Optional<CapsuleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The paths of the files, in order. */
    public List<String> paths() {
        return files.stream().map(CapsuleFile::path).toList();
    }
}
