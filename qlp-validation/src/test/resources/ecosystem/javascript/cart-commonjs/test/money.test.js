'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { roundCents } = require('../src/money');

test('roundCents keeps two decimals', () => {
  assert.strictEqual(roundCents(1.005 * 1000), 1005);
  assert.strictEqual(roundCents(0.1 + 0.2), 0.3);
});
