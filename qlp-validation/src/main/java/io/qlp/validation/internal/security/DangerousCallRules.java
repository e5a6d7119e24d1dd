package io.qlp.validation.internal.security;

import io.qlp.api.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls that run commands or code, or deserialize untrusted data: {@code Runtime.exec}, {@code ProcessBuilder} and
 * {@code ObjectInputStream.readObject} in Java; {@code eval}, {@code exec}, {@code os.system}, {@code subprocess}
 * with {@code shell=True}, {@code pickle} and {@code yaml.load} without a safe loader in Python; {@code eval},
 * {@code new Function} and {@code child_process} in JavaScript. Matched on the code view, so names in comments and
 * strings do not count.
 *
 * <p>Example: {@code DangerousCallRules.scan(source, collector);}
 */
public final class DangerousCallRules {

    private static final List<Rule> JAVA = List.of(
            new Rule("java.runtime-exec", Severity.ERROR, "\\bgetRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec\\s*\\(",
                    "Runtime.exec runs an operating-system command"),
            new Rule("java.process-builder", Severity.ERROR, "\\bnew\\s+ProcessBuilder\\s*(?:<\\s*>)?\\s*\\(",
                    "ProcessBuilder starts an operating-system command"));
    private static final Pattern RUNTIME_VARIABLE = Pattern.compile("\\bRuntime\\s+(\\w+)\\s*=");
    private static final Pattern JAVA_DESERIALIZER = Pattern.compile("\\b(?:ObjectInputStream|XMLDecoder)\\b");
    private static final Pattern JAVA_READ_OBJECT = Pattern.compile("\\.\\s*(?:readObject|readUnshared)\\s*\\(\\s*\\)");

    private static final List<Rule> PYTHON = List.of(
            new Rule("python.eval", Severity.ERROR, "(?<![\\w.])(?<!def )eval\\s*\\(",
                    "eval() runs arbitrary code; parse the value instead (ast.literal_eval, int(), json.loads)"),
            new Rule("python.exec", Severity.ERROR, "(?<![\\w.])(?<!def )exec\\s*\\(", "exec() runs arbitrary code"),
            new Rule("python.os-command", Severity.ERROR,
                    "\\bos\\s*\\.\\s*(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?)\\s*\\(",
                    "os.system and friends run a shell command"),
            new Rule("python.unsafe-deserialization", Severity.ERROR,
                    "\\b(?:c?[Pp]ickle|_pickle|dill|marshal|shelve|jsonpickle)\\s*\\.\\s*(?:loads?|Unpickler|open|decode)\\s*\\(",
                    "deserializing with pickle, marshal, shelve or dill runs code chosen by whoever wrote the data"),
            new Rule("python.yaml-unsafe-load", Severity.ERROR,
                    "\\byaml\\s*\\.\\s*(?:unsafe_load|unsafe_load_all|full_load)\\s*\\(",
                    "this yaml loader can build arbitrary Python objects; use yaml.safe_load"));
    private static final Pattern PYTHON_YAML_LOAD = Pattern.compile("\\byaml\\s*\\.\\s*(?:load|load_all)\\s*\\(");
    private static final Pattern SAFE_YAML_LOADER = Pattern.compile("\\b(?:C?SafeLoader|BaseLoader)\\b");
    private static final Pattern PYTHON_SUBPROCESS = Pattern.compile(
            "\\bsubprocess\\s*\\.\\s*(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\\s*\\(");
    private static final Pattern SHELL_TRUE = Pattern.compile("\\bshell\\s*=\\s*True\\b");
    private static final Pattern SUBPROCESS_IMPORT = Pattern.compile("\\bsubprocess\\b");

    private static final List<Rule> JAVASCRIPT = List.of(
            new Rule("js.eval", Severity.ERROR, "(?<![\\w.$])(?<!function )eval\\s*\\(",
                    "eval() runs arbitrary code; parse the value instead (JSON.parse, Number)"),
            new Rule("js.new-function", Severity.ERROR, "\\bnew\\s+Function\\s*\\(",
                    "new Function() compiles arbitrary code"),
            new Rule("js.vm-run", Severity.WARNING,
                    "\\bvm\\s*\\.\\s*(?:runInNewContext|runInThisContext|runInContext|compileFunction)\\s*\\(",
                    "node:vm is not a security boundary; code run with it can escape"));
    private static final Pattern CHILD_PROCESS = Pattern.compile(
            "(?:\\brequire\\s*\\(\\s*|\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)[\"'`](?:node:)?child_process[\"'`]");

    private DangerousCallRules() {
    }

    /** Adds the dangerous calls of {@code source} to {@code collector}. */
    public static void scan(LexedSource source, FindingCollector collector) {
        switch (source.dialect()) {
            case JAVA -> java(source, collector);
            case PYTHON -> python(source, collector);
            case JAVASCRIPT -> javaScript(source, collector);
            case TEXT -> { }
        }
    }

    private static void java(LexedSource source, FindingCollector collector) {
        JAVA.forEach(rule -> rule.apply(source, collector));
        Matcher variables = RUNTIME_VARIABLE.matcher(source.code());
        while (variables.find()) {
            Pattern exec = Pattern.compile("\\b" + Pattern.quote(variables.group(1)) + "\\s*\\.\\s*exec\\s*\\(");
            for (CallSites.Call call : CallSites.find(source, exec)) {
                collector.add(Severity.ERROR, "java.runtime-exec", call.start(),
                        "Runtime.exec runs an operating-system command");
            }
        }
        if (JAVA_DESERIALIZER.matcher(source.code()).find()) {
            Matcher reads = JAVA_READ_OBJECT.matcher(source.code());
            while (reads.find()) {
                collector.add(Severity.ERROR, "java.unsafe-deserialization", reads.start(), "Java deserialization"
                        + " (ObjectInputStream.readObject) can run code chosen by whoever wrote the data");
            }
        }
    }

    private static void python(LexedSource source, FindingCollector collector) {
        PYTHON.forEach(rule -> rule.apply(source, collector));
        for (CallSites.Call call : CallSites.find(source, PYTHON_YAML_LOAD)) {
            String arguments = source.code().substring(call.argumentsStart(), call.argumentsEnd());
            if (!SAFE_YAML_LOADER.matcher(arguments).find()) {
                collector.add(Severity.ERROR, "python.yaml-unsafe-load", call.start(), "yaml.load without"
                        + " Loader=yaml.SafeLoader can build arbitrary Python objects; use yaml.safe_load");
            }
        }
        List<CallSites.Call> subprocessCalls = CallSites.find(source, PYTHON_SUBPROCESS);
        for (CallSites.Call call : subprocessCalls) {
            boolean shell = SHELL_TRUE.matcher(source.code().substring(call.argumentsStart(), call.argumentsEnd()))
                    .find();
            collector.add(shell ? Severity.ERROR : Severity.WARNING, shell ? "python.subprocess-shell"
                    : "python.subprocess", call.start(), shell ? "subprocess with shell=True runs a shell command"
                    + " line; pass a list of arguments without a shell" : "subprocess starts an operating-system"
                    + " command");
        }
        if (SUBPROCESS_IMPORT.matcher(source.code()).find()) {
            // Calls through a bare name, as in: from subprocess import run; run(command, shell=True)
            Matcher shell = SHELL_TRUE.matcher(source.code());
            while (shell.find()) {
                int at = shell.start();
                if (subprocessCalls.stream().noneMatch(c -> at > c.open() && at < c.end())) {
                    collector.add(Severity.ERROR, "python.subprocess-shell", at,
                            "shell=True runs a shell command line; pass a list of arguments without a shell");
                }
            }
        }
    }

    private static void javaScript(LexedSource source, FindingCollector collector) {
        JAVASCRIPT.forEach(rule -> rule.apply(source, collector));
        Matcher matcher = CHILD_PROCESS.matcher(source.text());
        while (matcher.find()) {
            if (source.isCode(matcher.start())) {
                collector.add(Severity.ERROR, "js.child-process", matcher.start(),
                        "child_process runs operating-system commands");
            }
        }
    }

    private record Rule(String id, Severity severity, Pattern pattern, String message) {
        Rule(String id, Severity severity, String regex, String message) {
            this(id, severity, Pattern.compile(regex), message);
        }

        void apply(LexedSource source, FindingCollector collector) {
            Matcher matcher = pattern.matcher(source.code());
            while (matcher.find()) {
                collector.add(severity, id, matcher.start(), message);
            }
        }
    }
}
