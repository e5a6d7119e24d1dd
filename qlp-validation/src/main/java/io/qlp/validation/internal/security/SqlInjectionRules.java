package io.qlp.validation.internal.security;

import io.qlp.api.Severity;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL built from strings: a query literal joined with {@code +}, formatted ({@code %}, {@code .format},
 * {@code String.format}, {@code .formatted}) or interpolated (f-string, template literal). When such a query is
 * passed to an execute-style call, directly or through a variable assigned in the same file, it is an error; a
 * query built that way anywhere else is a warning.
 *
 * <p>Example: {@code SqlInjectionRules.scan(source, collector);}
 */
public final class SqlInjectionRules {

    private static final Pattern SQL = Pattern.compile(
            "(?is)^\\s*(?:select\\s.*\\bfrom\\b|select\\s+\\*|insert\\s+into\\b|update\\s+\\w+\\s+set\\b"
                    + "|delete\\s+from\\b|replace\\s+into\\b|merge\\s+into\\b|drop\\s+table\\b|create\\s+table\\b"
                    + "|alter\\s+table\\b|truncate\\s+table\\b)|\\bwhere\\s+\\w+\\s*(?:=|like\\b|in\\b|<|>)");
    private static final Pattern JAVA_EXECUTE = Pattern.compile("\\.\\s*(?:executeQuery|executeUpdate|executeLargeUpdate"
            + "|execute|prepareStatement|prepareCall|addBatch|createQuery|createNativeQuery|queryForObject"
            + "|queryForList|queryForMap|query|update)\\s*\\(");
    private static final Pattern PYTHON_EXECUTE = Pattern.compile("(?:\\.\\s*(?:execute|executemany|executescript"
            + "|raw|mogrify|read_sql|read_sql_query)|(?<![\\w.])text)\\s*\\(");
    private static final Pattern JAVASCRIPT_EXECUTE = Pattern.compile("\\.\\s*(?:query|execute|raw|exec|prepare|run"
            + "|all|get|each)\\s*\\(");
    private static final Pattern FIRST_ARGUMENT_NAME = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\s*[,)]");

    private SqlInjectionRules() {
    }

    /** Adds the SQL built by concatenation in {@code source} to {@code collector}. */
    public static void scan(LexedSource source, FindingCollector collector) {
        Pattern execute = switch (source.dialect()) {
            case JAVA -> JAVA_EXECUTE;
            case PYTHON -> PYTHON_EXECUTE;
            case JAVASCRIPT -> JAVASCRIPT_EXECUTE;
            case TEXT -> null;
        };
        if (execute == null) {
            return;
        }
        Set<Integer> reported = new HashSet<>();
        for (CallSites.Call call : CallSites.find(source, execute)) {
            Optional<StringLiteral> built = builtQuery(source, call.argumentsStart(), call.argumentsEnd());
            String how = "the query passed to " + call.matched().replaceAll("[\\s(.]", "") + "()";
            if (built.isEmpty()) {
                Optional<VariableQuery> variable = throughVariable(source, call);
                if (variable.isEmpty()) {
                    continue;
                }
                built = Optional.of(variable.get().literal());
                how += " (through '" + variable.get().name() + "')";
            }
            reported.add(built.get().start());
            collector.add(Severity.ERROR, "sql.injection", call.start(), how + " is built from strings; pass the"
                    + " values as parameters of a prepared statement instead");
        }
        for (StringLiteral literal : source.literals()) {
            if (!reported.contains(literal.start()) && SQL.matcher(literal.value()).find()
                    && isBuilt(source, literal, statementEnd(source, literal.end()))) {
                collector.add(Severity.WARNING, "sql.concatenated-query", literal.start(), "SQL is built from"
                        + " strings here; if it reaches a database, pass the values as parameters instead");
            }
        }
    }

    /** The SQL literal of a query built between {@code from} and {@code to}, if the expression builds one. */
    private static Optional<StringLiteral> builtQuery(LexedSource source, int from, int to) {
        for (StringLiteral literal : source.literalsIn(from, to)) {
            if (SQL.matcher(literal.value()).find() && isBuilt(source, literal, to)) {
                return Optional.of(literal);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code literal} is interpolated, or joined or formatted with something before {@code limit}. */
    private static boolean isBuilt(LexedSource source, StringLiteral literal, int limit) {
        if (literal.interpolated() && (literal.value().contains("{"))) {
            return true;
        }
        String after = source.codeWithoutLiterals(literal.end(), Math.max(literal.end(), limit)).stripLeading();
        String before = source.code().substring(lineStart(source, literal.start()), literal.start()).stripTrailing();
        return after.startsWith("+") || after.startsWith("%") || after.startsWith(".format(")
                || after.startsWith(".formatted(") || before.endsWith("+") || before.endsWith("+=")
                || before.matches("(?s).*\\bString\\s*\\.\\s*format\\s*\\(\\s*$");
    }

    private static Optional<VariableQuery> throughVariable(LexedSource source, CallSites.Call call) {
        Matcher name = FIRST_ARGUMENT_NAME.matcher(source.code().substring(call.argumentsStart(), call.end()));
        if (!name.find()) {
            return Optional.empty();
        }
        Pattern assignment = Pattern.compile("\\b" + Pattern.quote(name.group(1)) + "\\s*\\+?=(?!=)");
        Matcher matcher = assignment.matcher(source.code());
        while (matcher.find() && matcher.start() < call.start()) {
            int end = statementEnd(source, matcher.end());
            Optional<StringLiteral> built = builtQuery(source, matcher.end(), end);
            if (built.isPresent()) {
                return Optional.of(new VariableQuery(name.group(1), built.get()));
            }
        }
        return Optional.empty();
    }

    /** The end of the statement starting near {@code from}: a {@code ;} or a line break outside brackets. */
    private static int statementEnd(LexedSource source, int from) {
        int depth = 0;
        String code = source.code();
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) {
                    return i;
                }
            } else if (depth == 0 && (c == ';' || (c == '\n' && !continues(code, i)))) {
                return i;
            }
        }
        return code.length();
    }

    /** A line ending in an operator or a backslash continues on the next. */
    private static boolean continues(String code, int newline) {
        int j = newline - 1;
        while (j >= 0 && (code.charAt(j) == ' ' || code.charAt(j) == '\t' || code.charAt(j) == '\r')) {
            j--;
        }
        if (j >= 0 && "+\\,(%".indexOf(code.charAt(j)) >= 0) {
            return true;
        }
        int k = newline + 1;
        while (k < code.length() && (code.charAt(k) == ' ' || code.charAt(k) == '\t')) {
            k++;
        }
        return k < code.length() && (code.charAt(k) == '+' || code.charAt(k) == '.');
    }

    private static int lineStart(LexedSource source, int offset) {
        return offset == 0 ? 0 : Math.min(offset, source.text().lastIndexOf('\n', offset - 1) + 1);
    }

    private record VariableQuery(String name, StringLiteral literal) {
    }
}
