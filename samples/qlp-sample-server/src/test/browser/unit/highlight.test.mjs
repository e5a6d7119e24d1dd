import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './static-path.mjs';

const { highlightLines, languageOf, tokenize } = await pageModule('app/highlight.js');

const JAVA = `package demo;

/** Greets.
 * "not a string" */
@FunctionalInterface
public final class Greeter {
    // a "comment" with 42
    static final long MAX = 0x1F_FFL;
    String greet(String name) { return "Hi, \\"" + name + "//no comment"; }
    String block = """
        text /* not a comment */
        """;
}
`;

const textOf = (tokens) => tokens.map((t) => t.text).join('');
const ofType = (tokens, type) => tokens.filter((t) => t.type === type).map((t) => t.text);

test('should_give_back_the_source_exactly_when_tokens_are_joined', () => {
  for (const [source, language] of [[JAVA, 'java'], ['x = f"a{b}" # c\n', 'python'], ['const a = `x`;', 'javascript'],
    ['plain', 'cobol'], ['"unterminated\nnext', 'java'], ['/* open', 'javascript']]) {
    assert.equal(textOf(tokenize(source, language)), source);
  }
});

test('should_mark_java_keywords_strings_comments_numbers_annotations_and_types', () => {
  const tokens = tokenize(JAVA, 'java');
  assert.deepEqual(ofType(tokens, 'keyword').slice(0, 6), ['package', 'public', 'final', 'class', 'static', 'final']);
  assert.ok(ofType(tokens, 'keyword').includes('return'));
  assert.deepEqual(ofType(tokens, 'string'), ['"Hi, \\""', '"//no comment"',
    '"""\n        text /* not a comment */\n        """']);
  assert.deepEqual(ofType(tokens, 'comment'), ['/** Greets.\n * "not a string" */', '// a "comment" with 42']);
  assert.deepEqual(ofType(tokens, 'number'), ['0x1F_FFL']);
  assert.deepEqual(ofType(tokens, 'annotation'), ['@FunctionalInterface']);
  assert.ok(ofType(tokens, 'type').includes('Greeter') && ofType(tokens, 'type').includes('String'));
  assert.ok(!ofType(tokens, 'type').includes('MAX'), 'constants are not types');
});

test('should_mark_python_keywords_prefixed_and_triple_quoted_strings_and_comments', () => {
  const source = 'def f(x):\n    """Doc\n    string"""\n    return rb\'\\x00\' if x else None  # done\n';
  const tokens = tokenize(source, 'python');
  assert.deepEqual(ofType(tokens, 'keyword'), ['def', 'return', 'if', 'else', 'None']);
  assert.deepEqual(ofType(tokens, 'string'), ['"""Doc\n    string"""', "rb'\\x00'"]);
  assert.deepEqual(ofType(tokens, 'comment'), ['# done']);
});

test('should_mark_javascript_template_strings_and_not_numbers_inside_names', () => {
  const tokens = tokenize('export const v2 = `a ${b}` + 3.5e2; // end', 'javascript');
  assert.deepEqual(ofType(tokens, 'keyword'), ['export', 'const']);
  assert.deepEqual(ofType(tokens, 'string'), ['`a ${b}`']);
  assert.deepEqual(ofType(tokens, 'number'), ['3.5e2']);
  assert.deepEqual(ofType(tokens, 'comment'), ['// end']);
});

test('should_split_tokens_at_line_ends_and_number_lines_like_an_editor', () => {
  const lines = highlightLines(JAVA, 'java');
  assert.equal(lines.length, JAVA.split('\n').length - 1, 'no extra line after the final newline');
  assert.deepEqual(lines[3], [{ type: 'comment', text: ' * "not a string" */' }]);
  assert.deepEqual(lines[1], []);
  assert.equal(lines.map((line) => line.map((t) => t.text).join('')).join('\n'), JAVA.slice(0, -1));
});

test('should_treat_markup_in_source_as_text_tokens', () => {
  const tokens = tokenize('String s = "<img src=x onerror=alert(1)>";', 'java');
  assert.deepEqual(ofType(tokens, 'string'), ['"<img src=x onerror=alert(1)>"']);
});

test('should_pick_the_language_from_the_file_extension', () => {
  assert.equal(languageOf('src/main/java/demo/Greeter.java'), 'java');
  assert.equal(languageOf('pkg/mod.py'), 'python');
  assert.equal(languageOf('web/app.MJS'), 'javascript');
  assert.equal(languageOf('lib/x.ts'), 'javascript');
  assert.equal(languageOf('README.md'), null);
  assert.equal(languageOf('Makefile'), null);
});
