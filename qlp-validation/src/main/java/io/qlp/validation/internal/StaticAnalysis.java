package io.qlp.validation.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Severity;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.document.FileId;
import net.sourceforge.pmd.lang.java.JavaLanguageModule;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import net.sourceforge.pmd.util.log.PmdReporter;

/**
 * The {@code static} stage: PMD 7's Java rules, run in this JVM on the sources in memory, with a small rule set of
 * real defects rather than taste. Rules whose every hit is a bug ({@link #ERROR_RULES}) are errors and fail the
 * stage, except those of {@link #DELIBERATE_IN_TESTS} in test sources; the others ({@link #WARNING_RULES}) are
 * warnings, reported but not failing. The rule set is loaded once per JVM and copied once per thread: PMD's rule
 * objects keep state while they run, so concurrent validations must not share them. Each call runs PMD on the
 * caller's thread with that thread's copy. Every rule comes from PMD's {@code errorprone} category.
 *
 * <p>Example: {@code List<Finding> findings = StaticAnalysis.check(sources.allSources());}
 */
public final class StaticAnalysis {

    /** The stage name of the findings. */
    public static final String STAGE = "static";

    /** Rules that only match defects: a null check after the dereference, {@code equals(null)}, and so on. */
    public static final Set<String> ERROR_RULES = Set.of("BrokenNullCheck", "MisplacedNullCheck", "EqualsNull",
            "JumbledIncrementer", "ReturnFromFinallyBlock", "ClassCastExceptionWithToArray",
            "UselessOperationOnImmutable", "ComparisonWithNaN");

    /**
     * Error rules whose hits in test sources are warnings: a test checking the {@code equals} contract calls
     * {@code equals(null)} on purpose.
     */
    public static final Set<String> DELIBERATE_IN_TESTS = Set.of("EqualsNull");

    /** Rules that usually, not always, point at a defect. */
    public static final Set<String> WARNING_RULES = Set.of("EmptyCatchBlock", "OverrideBothEqualsAndHashcode",
            "UnconditionalIfStatement", "UseEqualsToCompareStrings", "AvoidDecimalLiteralsInBigDecimalConstructor",
            "ImplicitSwitchFallThrough", "IdenticalConditionalBranches", "DontUseFloatTypeForLoopIndices",
            "SuspiciousEqualsMethodName", "SuspiciousHashcodeMethodName", "AvoidBranchingStatementAsLastInLoop",
            "IdempotentOperations", "DoNotTerminateVM");

    private StaticAnalysis() {
    }

    /** The findings of the rule set on {@code sources}, ordered by file, line and column. */
    public static List<Finding> check(List<CapsuleFile> sources) {
        return check(sources, List.of());
    }

    /**
     * The findings of the rule set on {@code sources}, with {@code dependencies} (a Maven capsule's jars) on PMD's
     * auxiliary class path so its type resolution knows their types.
     */
    public static List<Finding> check(List<CapsuleFile> sources, List<Path> dependencies) {
        PMDConfiguration configuration = new PMDConfiguration();
        configuration.setDefaultLanguageVersion(JavaLanguageModule.getInstance().getVersion("17"));
        configuration.setOnlyRecognizeLanguage(JavaLanguageModule.getInstance());
        configuration.setIgnoreIncrementalAnalysis(true);
        configuration.setThreads(0);
        configuration.setReporter(PmdReporter.quiet());
        if (!dependencies.isEmpty()) {
            configuration.prependAuxClasspath(dependencies.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)));
        }
        Report report;
        try (PmdAnalysis pmd = PmdAnalysis.create(configuration)) {
            pmd.addRuleSet(rulesOfThisThread());
            for (CapsuleFile source : sources) {
                pmd.files().addSourceFile(FileId.fromPathLikeString(source.path()), source.content());
            }
            report = pmd.performAnalysisAndCollectReport();
        }
        List<Finding> findings = new ArrayList<>();
        for (RuleViolation violation : report.getViolations()) {
            String rule = violation.getRule().getName();
            String file = violation.getFileId().getOriginalPath();
            boolean deliberate = DELIBERATE_IN_TESTS.contains(rule) && JavaSources.isTestPath(file);
            Severity severity = ERROR_RULES.contains(rule) && !deliberate ? Severity.ERROR : Severity.WARNING;
            findings.add(new Finding(STAGE, severity, file,
                    Math.max(0, violation.getBeginLine()), Math.max(0, violation.getBeginColumn()),
                    "pmd." + rule, violation.getDescription()));
        }
        findings.sort(Comparator.comparing((Finding f) -> String.valueOf(f.file()))
                .thenComparingInt(Finding::line).thenComparingInt(Finding::column));
        return findings;
    }

    /** The calling thread's own copy of the rule set. */
    static RuleSet rulesOfThisThread() {
        return Rules.PER_THREAD.get();
    }

    private static final class Rules {
        static final RuleSet TEMPLATE = load();
        static final ThreadLocal<RuleSet> PER_THREAD = ThreadLocal.withInitial(() -> new RuleSet(TEMPLATE));

        private static RuleSet load() {
            String references = java.util.stream.Stream.concat(ERROR_RULES.stream(), WARNING_RULES.stream())
                    .sorted()
                    .map(rule -> "  <rule ref=\"category/java/errorprone.xml/" + rule + "\"/>")
                    .collect(Collectors.joining("\n"));
            String xml = """
                    <?xml version="1.0"?>
                    <ruleset name="qlp-defects" xmlns="http://pmd.sourceforge.net/ruleset/2.0.0"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="http://pmd.sourceforge.net/ruleset/2.0.0 https://pmd.sourceforge.io/ruleset_2_0_0.xsd">
                      <description>Defects, not taste.</description>
                    %s
                    </ruleset>
                    """.formatted(references);
            return new RuleSetLoader().warnDeprecated(false).loadFromString("qlp-defects.xml", xml);
        }
    }
}
