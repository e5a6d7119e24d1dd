import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Router } from '../src/router.js';

test('matches a route with a parameter', () => {
  const handler = () => 'user';
  const router = new Router().add('GET', '/users/:id', handler);
  assert.deepEqual(router.match('GET', '/users/42'), { handler, params: { id: '42' } });
});

test('returns null when nothing matches', () => {
  assert.equal(new Router().match('GET', '/'), null);
});
