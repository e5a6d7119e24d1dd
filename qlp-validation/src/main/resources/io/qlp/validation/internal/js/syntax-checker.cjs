'use strict';
// QLP's Node syntax checker: a long-lived process, started in the sandbox's confinement, that parses the scripts of
// capsule after capsule and never runs them. Nothing is required, imported, linked or evaluated: a CommonJS file is
// compiled into a function with CommonJS's wrapper parameters (vm.compileFunction, the parse `node --check` does
// through the CommonJS loader) and an ES module into a vm.SourceTextModule (the ModuleWrap `node --check` makes),
// both thrown away. A SyntaxError is answered with Node's own located message: the file:line, source line and caret
// that `node --check` prints above the error. Protocol, one line each way per file:
//   host -> checker: PARSE <nonce> <cjs|esm> <name> <source>     name, source: base64url of UTF-8
//   checker -> host: <nonce> OK
//                    <nonce> ERROR <text>       text: base64url of the located message and stack
//                    <nonce> UNDECIDED <text>   an error this process cannot locate as `node --check` would
// Its argument is the nonce of READY. It ends when its input ends.
const vm = require('node:vm');

const CJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

// Node attaches the location of a module's SyntaxError without putting it into the stack; `node --check` prints it
// when the error ends the process. Its own decorator (reachable with --expose-internals) puts it into the stack.
let decorateErrorStack = null;
try {
  decorateErrorStack = require('internal/util').decorateErrorStack;
} catch (error) {
  // Without internals an ES module's error is UNDECIDED and the host asks `node --check`.
}

function encode(text) {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decode(field) {
  return Buffer.from(field, 'base64url').toString('utf8');
}

function parse(kind, name, source) {
  try {
    if (kind === 'esm') {
      new vm.SourceTextModule(source, { identifier: name });
    } else {
      vm.compileFunction(source, CJS_PARAMETERS, { filename: name });
    }
    return ['OK'];
  } catch (error) {
    if (!(error instanceof SyntaxError)) {
      // Such as a RangeError from a nesting deeper than the parser's stack: its limit depends on the caller's stack.
      return ['UNDECIDED', String(error && error.stack)];
    }
    if (kind === 'esm' && typeof decorateErrorStack === 'function') {
      decorateErrorStack(error);
    }
    const stack = String(error.stack);
    const located = stack.startsWith(name + ':') && /^\d+$/.test(stack.slice(name.length + 1).split('\n')[0]);
    return [located ? 'ERROR' : 'UNDECIDED', stack];
  }
}

function answer(line) {
  const fields = line.split(' ');
  if (fields[0] !== 'PARSE' || fields.length !== 5 || (fields[2] !== 'cjs' && fields[2] !== 'esm')) {
    return;
  }
  const [verdict, text] = parse(fields[2], decode(fields[3]), decode(fields[4]));
  process.stdout.write(fields[1] + ' ' + verdict + (text === undefined ? '' : ' ' + encode(text)) + '\n');
}

// Parses once each way before READY, so the first capsule does not pay for lazily loaded parts; a module error that
// cannot be located turns the decorator off, so such errors go to `node --check` instead.
parse('cjs', 'warm-up.cjs', 'module.exports = 1;');
parse('esm', 'warm-up.mjs', 'export const a = 1;');
if (parse('esm', 'probe.mjs', 'export const = 1;')[0] !== 'ERROR') {
  decorateErrorStack = null;
}

const chunks = [];
process.stdin.on('data', (chunk) => {
  let start = 0;
  let end;
  while ((end = chunk.indexOf(10, start)) >= 0) {
    chunks.push(chunk.subarray(start, end));
    const line = Buffer.concat(chunks).toString('latin1');
    chunks.length = 0;
    answer(line);
    start = end + 1;
  }
  if (start < chunk.length) {
    chunks.push(chunk.subarray(start));
  }
});
process.stdout.write(process.argv[2] + ' READY\n');
