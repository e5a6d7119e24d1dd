'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { formatLine } = require('./format.cjs');

test('quotes fields that need it', () => {
  assert.equal(formatLine(['a', 'b,c', 'd"e']), 'a,"b,c","d""e"');
});
