package io.qlp.validation.internal.security;

import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the security findings of one file, located from offsets, without duplicates and without the rules the
 * caller turned off.
 *
 * <p>Example: {@code collector.add(Severity.ERROR, "python.eval", offset, "eval() runs arbitrary code");}
 */
public final class FindingCollector {

    /** The stage name of the findings. */
    public static final String STAGE = "security";

    private final LexedSource source;
    private final Set<String> disabledRules;
    private final Set<String> seen = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();

    /** A collector for {@code source} that drops findings of {@code disabledRules}. */
    public FindingCollector(LexedSource source, Set<String> disabledRules) {
        this.source = source;
        this.disabledRules = Set.copyOf(disabledRules);
    }

    /** Adds a finding at {@code offset} of the file, once per rule and place. */
    public void add(Severity severity, String rule, int offset, String message) {
        if (disabledRules.contains(rule) || !seen.add(rule + "@" + offset)) {
            return;
        }
        findings.add(new Finding(STAGE, severity, source.path(), source.lineOf(offset), source.columnOf(offset), rule,
                message));
    }

    /** The findings so far, in the order added. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }
}
