package io.qlp.validation.internal;

import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link InMemoryCompiler} produced: class files by binary name, the capsule file each class came from, and
 * the compiler's diagnostics as findings.
 *
 * <p>Example: {@code compiled.sourceOf("com.acme.CalcTest$Inner")} is {@code src/test/java/com/acme/CalcTest.java}.
 *
 * @param classes class file bytes by binary class name
 * @param sources capsule path of the source of each binary class name
 * @param findings errors and warnings of the compiler
 */
public record CompiledClasses(Map<String, byte[]> classes, Map<String, String> sources, List<Finding> findings) {

    /** Copies the collections. */
    public CompiledClasses {
        classes = Map.copyOf(classes);
        sources = Map.copyOf(sources);
        findings = List.copyOf(findings);
    }

    /** Whether the compiler reported no error. */
    public boolean succeeded() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** The capsule path of the file that declared {@code binaryName} or its enclosing class. */
    public Optional<String> sourceOf(String binaryName) {
        String source = sources.get(binaryName);
        if (source == null && binaryName.indexOf('$') > 0) {
            source = sources.get(binaryName.substring(0, binaryName.indexOf('$')));
        }
        return Optional.ofNullable(source);
    }
}
