package io.qlp.validation.internal.security;

import io.qlp.api.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hard-coded secrets: keys and tokens with a known shape (AWS, GitHub, Slack, Stripe, Google, OpenAI, private key
 * blocks) anywhere in any file, string literals assigned to a name such as {@code password} or {@code apiKey}, and
 * long random-looking literals (Shannon entropy). Known shapes are errors. Assignments are errors in production
 * code and warnings in tests, where fixtures need credentials. Entropy alone is a warning.
 *
 * <p>Example: {@code new SecretRules(4.5).scan(source, collector, false);}
 *
 * @param entropyThreshold bits per character from which a base64-like literal counts as random
 */
public record SecretRules(double entropyThreshold) {

    /** The entropy threshold unless configured; TruffleHog's value for base64 strings. */
    public static final double DEFAULT_ENTROPY_THRESHOLD = 4.5;

    private static final List<KnownSecret> KNOWN = List.of(
            new KnownSecret("secret.aws-access-key-id", "an AWS access key id",
                    "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b"),
            new KnownSecret("secret.aws-secret-access-key", "an AWS secret access key",
                    "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"),
            new KnownSecret("secret.github-token", "a GitHub token",
                    "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b"),
            new KnownSecret("secret.slack-token", "a Slack token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            new KnownSecret("secret.slack-webhook", "a Slack webhook URL",
                    "https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
            new KnownSecret("secret.private-key", "a private key",
                    "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
            new KnownSecret("secret.stripe-key", "a Stripe live key", "\\b[rs]k_live_[0-9A-Za-z]{20,}\\b"),
            new KnownSecret("secret.google-api-key", "a Google API key", "\\bAIza[0-9A-Za-z_\\-]{35}(?![0-9A-Za-z_\\-])"),
            new KnownSecret("secret.openai-key", "an OpenAI API key",
                    "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}T3BlbkFJ[A-Za-z0-9_\\-]{20,}\\b"
                            + "|\\bsk-proj-[A-Za-z0-9_\\-]{40,}\\b"));

    /** Names, without {@code _} and {@code -}, lower case, that hold passwords; any short value is a secret. */
    private static final List<String> PASSWORD_NAMES = List.of("password", "passwd", "pwd", "passphrase", "secret",
            "secretkey", "clientsecret", "privatekey");

    /** Names that hold tokens; only long values count, since "token" also names lexer tokens. */
    private static final List<String> TOKEN_NAMES = List.of("token", "apikey", "accesskey", "authtoken",
            "accesstoken", "refreshtoken", "bearertoken");

    private static final Pattern ASSIGNED_NAME = Pattern.compile(
            "(?<![\\w])[\"']?([A-Za-z_][A-Za-z0-9_\\-]*)[\"']?\\s*(?::\\s*[A-Za-z_][\\w\\[\\]., ]*?)?\\s*(?::=|=|:)\\s*$");
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/=_\\-]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final int MIN_PASSWORD = 4;
    private static final int MIN_TOKEN = 16;
    private static final int MIN_RANDOM = 20;
    private static final int MIN_HEX = 32;
    private static final double HEX_THRESHOLD = 3.0;
    private static final int SEQUENCE_RUN = 5;

    /** Rejects a threshold outside 0 to 8 bits. */
    public SecretRules {
        if (!(entropyThreshold > 0 && entropyThreshold <= 8)) {
            throw new IllegalArgumentException("entropyThreshold must be between 0 and 8 bits: " + entropyThreshold);
        }
    }

    /** Adds the secrets in {@code source} to {@code collector}; {@code testFile} softens assignment findings. */
    public void scan(LexedSource source, FindingCollector collector, boolean testFile) {
        for (KnownSecret known : KNOWN) {
            Matcher matcher = known.pattern().matcher(source.text());
            while (matcher.find()) {
                if (!matcher.group().contains("EXAMPLE")) {
                    collector.add(Severity.ERROR, known.rule(), matcher.start(), "hard-coded secret: " + known.what()
                            + " (" + masked(matcher.group()) + "); load it from the environment or a secret store");
                }
            }
        }
        if (!source.dialect().isCode()) {
            return;
        }
        for (StringLiteral literal : source.literals()) {
            if (literal.interpolated()) {
                continue;
            }
            if (!assignedSecret(source, literal, testFile, collector)) {
                randomLooking(literal, collector);
            }
        }
    }

    private boolean assignedSecret(LexedSource source, StringLiteral literal, boolean testFile,
                                   FindingCollector collector) {
        int lineStart = literal.start() == 0 ? 0 : source.text().lastIndexOf('\n', literal.start() - 1) + 1;
        Matcher matcher = ASSIGNED_NAME.matcher(source.text().substring(lineStart, literal.start()));
        if (!matcher.find()) {
            return false;
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        String value = literal.value();
        boolean password = PASSWORD_NAMES.stream().anyMatch(name::endsWith) && value.length() >= MIN_PASSWORD;
        boolean token = TOKEN_NAMES.stream().anyMatch(name::endsWith) && value.length() >= MIN_TOKEN;
        if (!(password || token) || isPlaceholder(value)) {
            return false;
        }
        collector.add(testFile ? Severity.WARNING : Severity.ERROR, "secret.hard-coded-credential", literal.start(),
                "hard-coded credential: '" + matcher.group(1) + "' is set to a literal (" + masked(value)
                        + "); read it from the environment or a secret store");
        return true;
    }

    /** Values that name a secret instead of being one: blanks, masks, templates, words, environment keys. */
    private static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return value.isBlank() || value.chars().anyMatch(Character::isWhitespace)
                || value.chars().distinct().count() == 1
                || value.startsWith("${") || value.startsWith("{{") || value.startsWith("<") || value.startsWith("%(")
                || value.startsWith("$") || ENV_VAR_NAME.matcher(value).matches()
                || PASSWORD_NAMES.contains(lower.replace("_", "").replace("-", ""))
                || TOKEN_NAMES.contains(lower.replace("_", "").replace("-", ""));
    }

    private void randomLooking(StringLiteral literal, FindingCollector collector) {
        String value = literal.value();
        if (value.length() < MIN_RANDOM || !BASE64ISH.matcher(value).matches() || hasSequence(value)
                || hasRepeats(value) || value.chars().noneMatch(Character::isDigit)
                || value.chars().noneMatch(Character::isLetter)) {
            return;
        }
        double bits = ShannonEntropy.bitsPerChar(value);
        boolean hex = HEX.matcher(value).matches();
        if ((hex && value.length() >= MIN_HEX && bits >= HEX_THRESHOLD) || (!hex && bits >= entropyThreshold)) {
            collector.add(Severity.WARNING, "secret.high-entropy-string", literal.start(), String.format(Locale.ROOT,
                    "string literal looks like a key or token (%.1f bits of entropy per character, %s); if it is a"
                            + " secret, load it from the environment", bits, masked(value)));
        }
    }

    /** Alphabets and digit runs ("abcdef", "12345") are not random, however high their entropy. */
    private static boolean hasSequence(String value) {
        int run = 1;
        for (int i = 1; i < value.length(); i++) {
            run = value.charAt(i) == value.charAt(i - 1) + 1 ? run + 1 : 1;
            if (run >= SEQUENCE_RUN) {
                return true;
            }
        }
        return false;
    }

    /**
     * Test data such as "112233AABBCC" repeats characters side by side far more often than a random key, where a
     * character equals the one before it about once in 16 to 64 places.
     */
    private static boolean hasRepeats(String value) {
        int repeats = 0;
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == value.charAt(i - 1)) {
                repeats++;
            }
        }
        return repeats * 5 > value.length();
    }

    /** The first four characters and the length: enough to find the value, not enough to use it. */
    private static String masked(String secret) {
        String start = secret.length() <= 4 ? "" : secret.substring(0, 4);
        return start + "… " + secret.length() + " characters";
    }

    private record KnownSecret(String rule, String what, Pattern pattern) {
        KnownSecret(String rule, String what, String regex) {
            this(rule, what, Pattern.compile(regex));
        }
    }
}
