import test from 'node:test';
import assert from 'node:assert/strict';
import { identity, multiply } from './matrix.mjs';

test('identity is neutral', () => {
  const m = [[1, 2], [3, 4]];
  assert.deepEqual(multiply(m, identity(2)), m);
});

test('multiplies 2x3 by 3x1', () => {
  assert.deepEqual(multiply([[1, 2, 3], [4, 5, 6]], [[1], [0], [2]]), [[7], [16]]);
});

test('refuses mismatched shapes', () => {
  assert.throws(() => multiply([[1, 2]], [[1, 2]]), /cannot multiply 1x2 by 1x2/);
});
