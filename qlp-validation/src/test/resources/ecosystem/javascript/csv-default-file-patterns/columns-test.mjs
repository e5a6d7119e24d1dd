import test from 'node:test';
import assert from 'node:assert/strict';
import { column } from './columns.mjs';

test('picks one column', () => {
  assert.deepEqual(column([['a', 1], ['b', 2]], 1), [1, 2]);
});
