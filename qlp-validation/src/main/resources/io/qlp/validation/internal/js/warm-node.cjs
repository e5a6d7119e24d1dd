'use strict';
// QLP's warm Node process: started in the sandbox's confinement ahead of time, with the node:test reporters given on
// its command line, in the empty folder that will hold exactly one capsule. It loads the test runner, says READY,
// then waits for the capsule:
//   host -> node: CHECK <nonce> <files>   files: base64url of lines <type> TAB <path>, type module|commonjs|unspecified
//   node -> host: <nonce> SYNTAX <bad>    bad: base64url of the lines of the paths that do not parse
//   host -> node: TEST <nonce> <path>     path: base64url of the one test file, capsule-relative
// Its arguments are the nonce of READY and the path of exit-guard.cjs. It checks the syntax without running anything (the CommonJS wrapper through vm.compileFunction, ES modules through
// vm.SourceTextModule), then runs the test file as the main module, as the child process of `node --test` does, with
// process.exit() turned into a thrown error. It stops reading its input first, so it ends when the tests end.
const path = require('node:path');
const vm = require('node:vm');
const fs = require('node:fs');
const Module = require('node:module');
require('node:test');
require('node:assert');
const { install } = require(process.argv[3]);

const MODULE_SYNTAX = ['import statement outside a module', "Unexpected token 'export'", "'import.meta' outside a module",
  'await is only valid', 'Unexpected reserved word'];
const CJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

function decode(field) {
  return Buffer.from(field, 'base64url').toString('utf8');
}

function encode(text) {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parses(source, file, asModule) {
  try {
    if (asModule) {
      new vm.SourceTextModule(source, { identifier: file });
    } else {
      vm.compileFunction(source, CJS_PARAMETERS, { filename: file });
    }
    return null;
  } catch (error) {
    return error instanceof SyntaxError ? String(error.message) : null;
  }
}

function check(file, type) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return false;
  }
  if (file.endsWith('.mjs') || (file.endsWith('.js') && type === 'module')) {
    return parses(source, file, true) === null;
  }
  const asCommonJs = parses(source, file, false);
  if (asCommonJs === null) {
    return true;
  }
  if (!file.endsWith('.js') || type === 'commonjs' || !MODULE_SYNTAX.some((text) => asCommonJs.includes(text))) {
    return false;
  }
  return parses(source, file, true) === null;
}

let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let end;
  while ((end = buffered.indexOf('\n')) >= 0) {
    const fields = buffered.slice(0, end).split(' ');
    buffered = buffered.slice(end + 1);
    if (fields[0] === 'CHECK' && fields.length === 3) {
      const files = decode(fields[2]).split('\n').filter((line) => line.length > 0).map((line) => {
        const tab = line.indexOf('\t');
        return [line.slice(tab + 1), line.slice(0, tab)];
      });
      const bad = files.filter(([file, type]) => !check(file, type)).map(([file]) => file);
      process.stdout.write(fields[1] + ' SYNTAX ' + encode(bad.join('\n')) + '\n');
    } else if (fields[0] === 'TEST' && fields.length === 3) {
      process.stdin.removeAllListeners('data');
      process.stdin.destroy();
      const main = path.resolve(decode(fields[2]));
      process.argv[1] = main;
      install();
      Module.runMain(main);
      return;
    }
  }
});
// Warm-up before READY, off the capsule's critical path: the parsers and the reporters load lazily otherwise.
parses('exports.a = 1;', 'warm-up.js', false);
parses('export const a = 1;', 'warm-up.mjs', true);
const reporters = require('node:test/reporters');
void reporters.junit;
void reporters.tap;
process.stdout.write(process.argv[2] + ' READY\n');
process.argv.splice(2);
