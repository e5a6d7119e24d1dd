'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseLine } = require('../parse');
const { formatLine } = require('../format.cjs');

test('format then parse gives the fields back', () => {
  const fields = ['x', 'y,z', 'q"uote'];
  assert.deepEqual(parseLine(formatLine(fields)), fields);
});
