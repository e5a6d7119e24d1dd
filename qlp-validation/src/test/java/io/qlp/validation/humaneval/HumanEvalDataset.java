package io.qlp.validation.humaneval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the HumanEval-X problems from the copy in {@code src/test/data/humaneval-x} (Apache-2.0, see its LICENSE) (or the folder named by the system
 * property {@code qlp.humaneval.dir} or the environment variable {@code QLP_HUMANEVAL_DIR}).
 *
 * <p>Example: {@code HumanEvalDataset.locate().map(d -> d.problems(HumanEvalLanguage.PYTHON))}
 *
 * @param folder the folder holding the {@code humaneval_*.jsonl} files
 */
record HumanEvalDataset(Path folder) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    /** The data folder, when one of the known places holds the files. */
    static Optional<HumanEvalDataset> locate() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("qlp.humaneval.dir")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("QLP_HUMANEVAL_DIR")).ifPresent(candidates::add);
        // The copy in the repository comes first, so CI on a fresh machine tests the same problems.
        candidates.addAll(List.of("src/test/data/humaneval-x", "qlp-validation/src/test/data/humaneval-x",
                "../../shared/data/humaneval-x", "/work/shared/data/humaneval-x"));
        return candidates.stream().map(Path::of)
                .filter(folder -> Files.isRegularFile(folder.resolve(HumanEvalLanguage.PYTHON.dataFile())))
                .findFirst().map(folder -> new HumanEvalDataset(folder.toAbsolutePath().normalize()));
    }

    /** Every problem of {@code language}, in file order. */
    List<HumanEvalProblem> problems(HumanEvalLanguage language) {
        try {
            List<HumanEvalProblem> problems = new ArrayList<>();
            for (String line : Files.readAllLines(folder.resolve(language.dataFile()), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> fields = JSON.readValue(line, STRING_MAP);
                problems.add(new HumanEvalProblem(fields.get("task_id"), language, fields.get("prompt"),
                        fields.get("canonical_solution"), fields.get("test"), fields.get("declaration")));
            }
            return List.copyOf(problems);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + language.dataFile() + " in " + folder, e);
        }
    }
}
