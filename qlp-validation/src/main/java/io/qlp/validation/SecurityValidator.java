package io.qlp.validation;

import io.qlp.api.Language;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.validation.internal.script.Durations;
import io.qlp.validation.internal.security.FindingCollector;
import io.qlp.validation.internal.security.SecretRules;
import io.qlp.validation.internal.security.SecurityScanner;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code security} stage, for capsules of every language: a static scan, in process, of every file.
 * <ul>
 *   <li><b>Secrets</b> in any file: keys and tokens of a known shape (AWS {@code AKIA…}, GitHub {@code ghp_…},
 *       Slack {@code xox…}, Stripe, Google, OpenAI, private key blocks) are errors; a literal assigned to a name such
 *       as {@code password} or {@code apiKey} is an error in production code and a warning in tests; a long
 *       random-looking literal (Shannon entropy) is a warning.</li>
 *   <li><b>Dangerous calls</b>, errors: Java {@code Runtime.exec}, {@code ProcessBuilder},
 *       {@code ObjectInputStream.readObject}; Python {@code eval}, {@code exec}, {@code os.system},
 *       {@code subprocess} with {@code shell=True}, {@code pickle.loads}, {@code yaml.load} without a safe loader;
 *       JavaScript {@code eval}, {@code new Function}, {@code child_process}. Plain {@code subprocess} and
 *       {@code node:vm} are warnings.</li>
 *   <li><b>SQL built from strings</b> (concatenation, formatting, f-strings, template literals): an error when it
 *       reaches an execute-style call, directly or through a variable; a warning elsewhere.</li>
 *   <li><b>Files written outside the capsule</b>: a file-writing call whose path literal is absolute or climbs out
 *       with {@code ..}, an error.</li>
 * </ul>
 * Matching runs on a view of the code without comments and string contents, so names mentioned there do not count.
 * It is a separate validator rather than a stage of each language's validator so that it runs once, for every
 * language, wherever validators are discovered ({@code CompositeValidator.discover()}), and can be used or turned
 * off on its own. Instances are immutable and thread-safe.
 *
 * <p>Example:
 * <pre>{@code
 * Validator security = SecurityValidator.builder().disabledRules("python.subprocess").build();
 * ValidationReport report = security.validate(new ValidationTarget(files, Language.PYTHON));
 * }</pre>
 */
public final class SecurityValidator implements Validator {

    /** The name this validator and its factory are known by. */
    public static final String NAME = "security";

    /** The name of the one stage this validator reports. */
    public static final String STAGE = FindingCollector.STAGE;

    private final SecurityScanner scanner;

    private SecurityValidator(Builder builder) {
        double threshold = builder.entropyThreshold != null ? builder.entropyThreshold
                : SecretRules.DEFAULT_ENTROPY_THRESHOLD;
        this.scanner = new SecurityScanner(new SecretRules(threshold),
                builder.disabledRules != null ? builder.disabledRules : Set.of());
    }

    /** A validator with every rule on and the default entropy threshold. */
    public static SecurityValidator create() {
        return builder().build();
    }

    /** A builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every language: the rules know Java, Python and JavaScript, and secrets are found in any file. */
    @Override
    public boolean supports(Language language) {
        return true;
    }

    /** Scans every file of the target; the report has one stage, {@code security}. */
    @Override
    public ValidationReport validate(ValidationTarget target) {
        StageResult stage = Durations.timed(STAGE, () -> scanner.scan(target.files()));
        return new ValidationReport(List.of(stage));
    }

    /**
     * Configures a {@link SecurityValidator}. Each option may be set once.
     *
     * <p>Example: {@code SecurityValidator.builder().entropyThreshold(5.0).build()}
     */
    public static final class Builder {

        private @Nullable Double entropyThreshold;
        private @Nullable Set<String> disabledRules;

        private Builder() {
        }

        /**
         * Bits of Shannon entropy per character from which a long base64-like literal is reported as a possible
         * secret; default 4.5. Must be above 0 and at most 8.
         */
        public Builder entropyThreshold(double bitsPerChar) {
            if (entropyThreshold != null) {
                throw new IllegalStateException("entropyThreshold was already set to " + entropyThreshold);
            }
            if (!(bitsPerChar > 0 && bitsPerChar <= 8)) {
                throw new IllegalArgumentException("entropyThreshold must be above 0 and at most 8: " + bitsPerChar);
            }
            this.entropyThreshold = bitsPerChar;
            return this;
        }

        /** Rule ids whose findings are dropped, such as {@code python.subprocess}; default none. */
        public Builder disabledRules(String... rules) {
            if (disabledRules != null) {
                throw new IllegalStateException("disabledRules was already set to " + disabledRules);
            }
            for (String rule : rules) {
                if (rule == null || rule.isBlank()) {
                    throw new IllegalArgumentException("disabled rule ids must not be blank: '" + rule + "'");
                }
            }
            this.disabledRules = Set.of(rules);
            return this;
        }

        /** Builds the validator. */
        public SecurityValidator build() {
            return new SecurityValidator(this);
        }
    }
}
