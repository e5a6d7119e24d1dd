import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { uniqueSlug } from '../lib/index.js';

describe('uniqueSlug', () => {
  it('returns the plain slug when it is free', async () => {
    assert.equal(await uniqueSlug('My Post', async () => false), 'my-post');
  });

  it('numbers slugs that are taken', async () => {
    const taken = new Set(['my-post', 'my-post-2']);
    const exists = async (slug) => {
      await delay(5);
      return taken.has(slug);
    };
    assert.equal(await uniqueSlug('My Post', exists), 'my-post-3');
  });
});
