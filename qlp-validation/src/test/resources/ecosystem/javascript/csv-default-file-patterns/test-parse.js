'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseLine } = require('./parse');
const { sample } = require('./test/helpers/sample');

test('splits plain fields', () => {
  assert.deepEqual(parseLine('a,b,c'), ['a', 'b', 'c']);
});

test('keeps quoted separators and doubled quotes', () => {
  assert.deepEqual(parseLine(sample), ['name', 'say "hi", then go', '3']);
});
