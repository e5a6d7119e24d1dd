package io.qlp.validation.internal.security;

import io.qlp.api.CapsuleFile;
import io.qlp.api.FileRole;
import io.qlp.api.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every security rule over files: secrets on every file, dangerous calls, SQL built from strings and writes
 * outside the capsule on Java, Python and JavaScript sources.
 *
 * <p>Example: {@code List<Finding> findings = new SecurityScanner(new SecretRules(4.5), Set.of()).scan(files);}
 *
 * @param secrets the secret rules
 * @param disabledRules rule ids whose findings are dropped
 */
public record SecurityScanner(SecretRules secrets, Set<String> disabledRules) {

    /** Copies the rule ids. */
    public SecurityScanner {
        disabledRules = Set.copyOf(disabledRules);
    }

    /** The findings of all {@code files}, file by file in the given order. */
    public List<Finding> scan(List<CapsuleFile> files) {
        List<Finding> findings = new ArrayList<>();
        for (CapsuleFile file : files) {
            findings.addAll(scan(file));
        }
        return findings;
    }

    /** The findings of one file. */
    public List<Finding> scan(CapsuleFile file) {
        LexedSource source = SourceLexer.lex(file.path(), file.content());
        FindingCollector collector = new FindingCollector(source, disabledRules);
        boolean test = file.role() == FileRole.TEST || FileRole.guess(file.path()) == FileRole.TEST;
        secrets.scan(source, collector, test);
        DangerousCallRules.scan(source, collector);
        SqlInjectionRules.scan(source, collector);
        OutsideWriteRules.scan(source, collector);
        return collector.findings();
    }
}
