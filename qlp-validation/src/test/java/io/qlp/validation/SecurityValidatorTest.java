package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The security validator. It has one stage and no test stage, so it does not extend AbstractValidatorTest, whose
 * contract is written for validators that run tests; the contract's common parts (name, language support, a passed
 * report with stages, located error findings) are checked here.
 */
class SecurityValidatorTest {

    private final SecurityValidator validator = SecurityValidator.create();

    @Test
    void should_pass_with_one_passed_stage_when_the_code_is_clean() {
        ValidationReport report = scan("app.py", """
                import os

                def connect():
                    password = os.environ["DB_PASSWORD"]
                    return password
                """);

        assertThat(report.passed()).isTrue();
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("security");
        assertThat(report.findings()).isEmpty();
        assertThat(validator.name()).isEqualTo("security");
        assertThat(validator.supports(Language.JAVA)).isTrue();
        assertThat(validator.supports(Language.PYTHON)).isTrue();
        assertThat(validator.supports(Language.JAVASCRIPT)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            secret.aws-access-key-id   | config.properties | aws.key=AKIAZ7QXWR2MNB4KD6PL
            secret.github-token        | deploy.sh         | TOKEN=ghp_Zk8pQ2vX9mR4tB7nL1cW6yH3jF5dS0aE8gU2
            secret.slack-token         | notify.py         | hook = "xoxb-2048-4096-Qz8Xr2Vn7Lm"
            secret.private-key         | key.pem           | -----BEGIN RSA PRIVATE KEY-----
            secret.stripe-key          | pay.js            | const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
            secret.hard-coded-credential | db.py           | db_password = "hunter2!"
            secret.hard-coded-credential | Db.java         | private static final String PASSWORD = "s3cr3t-Pass";
            secret.hard-coded-credential | client.js       | const client = connect({ apiKey: 'k7Qx9Lm2Vn8Rt4Wz6Yp1' });
            python.eval                | calc.py           | result = eval(expression)
            python.exec                | run.py            | exec(code)
            python.os-command          | run.py            | os.system("ls " + folder)
            python.subprocess-shell    | run.py            | subprocess.run(command, shell=True)
            python.unsafe-deserialization | load.py        | data = pickle.loads(payload)
            python.yaml-unsafe-load    | conf.py           | config = yaml.load(text)
            js.eval                    | calc.js           | const value = eval(input);
            js.new-function            | calc.js           | const f = new Function('a', body);
            js.child-process           | run.js            | const { exec } = require('child_process');
            js.child-process           | run.mjs           | import { execSync } from 'node:child_process';
            java.runtime-exec          | Run.java          | Runtime.getRuntime().exec(command);
            java.process-builder       | Run.java          | Process p = new ProcessBuilder("sh", "-c", command).start();
            """)
    void should_report_an_error_when_a_file_holds_a_secret_or_a_dangerous_call(String rule, String path, String line) {
        ValidationReport report = scan(path, "\n" + line + "\n");

        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(finding -> {
            assertThat(finding.rule()).isEqualTo(rule);
            assertThat(finding.stage()).isEqualTo("security");
            assertThat(finding.file()).isEqualTo(path);
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isPositive();
            assertThat(finding.message()).isNotBlank();
        });
    }

    @Test
    void should_point_at_the_exact_column_of_a_dangerous_call() {
        Finding finding = scan("calc.py", "x = 1\nvalue = eval(text)\n").errors().get(0);

        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.column()).isEqualTo(9);
    }

    @Test
    void should_report_java_deserialization_when_an_object_input_stream_is_read() {
        ValidationReport report = scan("Load.java", """
                import java.io.*;
                class Load {
                    Object load(InputStream in) throws Exception {
                        ObjectInputStream objects = new ObjectInputStream(in);
                        return objects.readObject();
                    }
                }
                """);

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("java.unsafe-deserialization");
            assertThat(finding.line()).isEqualTo(5);
        });
    }

    @Test
    void should_report_sql_built_by_concatenation_when_it_reaches_an_execute_call() {
        ValidationReport java = scan("Users.java", """
                class Users {
                    ResultSet find(Statement statement, String name) throws Exception {
                        String sql = "SELECT * FROM users WHERE name = '" + name + "'";
                        return statement.executeQuery(sql);
                    }
                    ResultSet safe(Connection connection, String name) throws Exception {
                        PreparedStatement statement = connection.prepareStatement("SELECT * FROM users WHERE name = ?");
                        statement.setString(1, name);
                        return statement.executeQuery();
                    }
                }
                """);
        ValidationReport python = scan("users.py", """
                def find(cursor, name):
                    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
                    cursor.execute("DELETE FROM users WHERE id = %s" % name)
                    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
                """);
        ValidationReport javaScript = scan("users.js", """
                async function find(db, name) {
                  return db.query(`SELECT * FROM users WHERE name = '${name}'`);
                }
                """);

        assertThat(java.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("sql.injection");
            assertThat(finding.line()).isEqualTo(4);
            assertThat(finding.message()).contains("executeQuery").contains("'sql'");
        });
        assertThat(python.errors()).extracting(Finding::rule).containsExactly("sql.injection", "sql.injection");
        assertThat(python.errors()).extracting(Finding::line).containsExactly(2, 3);
        assertThat(javaScript.errors()).singleElement().satisfies(finding ->
                assertThat(finding.rule()).isEqualTo("sql.injection"));
    }

    @Test
    void should_warn_when_sql_is_concatenated_without_reaching_an_execute_call_in_the_file() {
        ValidationReport report = scan("Queries.java", """
                class Queries {
                    static String byName(String name) {
                        return "SELECT id FROM users WHERE name = '" + name + "'";
                    }
                }
                """);

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.rule()).isEqualTo("sql.concatenated-query");
            assertThat(finding.line()).isEqualTo(3);
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            out.py     | open("/etc/cron.d/job", "w").write(line)
            out.py     | with open('../../outside.txt', mode='a') as f: pass
            out.py     | shutil.rmtree("/home/user")
            out.py     | Path("/etc/hosts").write_text(text)
            Out.java   | Files.writeString(Path.of("/etc/passwd"), text);
            Out.java   | new FileWriter("../../../config.txt")
            out.js     | fs.writeFileSync('/etc/hosts', text);
            out.js     | fs.appendFileSync("..\\\\escape.log", line);
            """)
    void should_report_a_file_written_outside_the_capsule(String path, String line) {
        ValidationReport report = scan(path, line + "\n");

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("fs.write-outside-capsule");
            assertThat(finding.message()).contains("writes outside the capsule");
        });
    }

    @Test
    void should_find_nothing_in_comments_strings_safe_calls_and_reads() {
        ValidationReport report = scan("safe.py", """
                # eval(x) and os.system("rm -rf /") are only mentioned here
                import ast
                import yaml

                HELP = "never call eval(text) or pickle.loads(data)"
                token = "("
                PASSWORD_FIELD = "password"
                API_KEY_ENV = "SERVICE_API_KEY"

                def parse(text, stream):
                    data = yaml.load(stream, Loader=yaml.SafeLoader)
                    with open("/etc/hostname") as f:
                        name = f.read()
                    with open("out/report.txt", "w") as f:
                        f.write(name)
                    model.eval()
                    if password == "":
                        return None
                    return ast.literal_eval(text), data
                """);

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void should_only_warn_when_a_test_file_sets_a_password_literal() {
        ValidationReport report = scan("test_login.py", "def test_login():\n    password = \"hunter2!\"\n");

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.rule()).isEqualTo("secret.hard-coded-credential");
            assertThat(finding.message()).doesNotContain("hunter2!");
        });
    }

    @Test
    void should_warn_about_a_random_looking_literal_and_not_about_ordinary_ones() {
        ValidationReport report = scan("app.js", """
                const signingKey = "Xq7Lm2Vn8Rt4Wz6Yp1Ks9Df3Gh5Jk0Qa";
                const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                const hex = "112233445566778899AABBCCDDEEFF00";
                const message = "The quick brown fox jumps over the lazy dog 42 times";
                """);

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("secret.high-entropy-string");
            assertThat(finding.line()).isEqualTo(1);
        });
    }

    @Test
    void should_not_report_the_documented_example_aws_key() {
        assertThat(scan("README.md", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n").findings()).isEmpty();
    }

    @Test
    void should_drop_disabled_rules_and_be_configured_through_the_factory() {
        Validator configured = ServiceProviders.load(ValidatorFactory.class, "security")
                .create(ProviderConfig.of(Map.of("disabled-rules", "python.eval, python.exec", "entropy-threshold", "5")));

        ValidationReport report = configured.validate(new ValidationTarget(
                List.of(CapsuleFile.of("calc.py", "eval(a)\nexec(b)\nos.system(c)\n")), Language.PYTHON));

        assertThat(report.errors()).extracting(Finding::rule).containsExactly("python.os-command");
    }

    @Test
    void should_reject_bad_and_repeated_builder_options() {
        assertThatThrownBy(() -> SecurityValidator.builder().entropyThreshold(9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9.0");
        assertThatThrownBy(() -> SecurityValidator.builder().disabledRules("a").disabledRules("b"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("disabledRules");
        assertThatThrownBy(() -> SecurityValidator.builder().disabledRules(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    private ValidationReport scan(String path, String content) {
        return validator.validate(new ValidationTarget(List.of(CapsuleFile.of(path, content)), Language.PYTHON));
    }
}
