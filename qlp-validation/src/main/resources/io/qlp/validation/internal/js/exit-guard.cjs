'use strict';
// Preloaded into every test process of `node --test`, and installed by the warm Node process before it loads the
// test file. A test that ends the process (process.exit(0)) would make the runner drop that file's results and count
// the file as passed; here ending the process throws instead, so the test fails with a clear message. The properties
// are frozen so the code under test cannot restore them.
function install() {
  for (const name of ['exit', 'reallyExit']) {
    const refuse = function () {
      throw new Error('process.' + name + '() was called while tests were running; a test must not end the'
        + ' process, so its results could not be trusted');
    };
    Object.defineProperty(process, name, { value: refuse, writable: false, configurable: false, enumerable: true });
  }
}
if (String(process.env.NODE_TEST_CONTEXT || '').startsWith('child')) {
  install();
}
module.exports = { install };
