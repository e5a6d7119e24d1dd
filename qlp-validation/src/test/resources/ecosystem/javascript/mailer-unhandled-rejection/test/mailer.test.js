'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { setTimeout: delay } = require('node:timers/promises');
const { Mailer } = require('../mailer');

const transport = { deliver: async (message) => ({ id: 1, ...message }) };

test('sends to a valid address', async () => {
  const result = await new Mailer(transport).send('ada@example.com', 'hi');
  assert.equal(result.to, 'ada@example.com');
});

test('notifyAll counts recipients', async () => {
  const count = new Mailer(transport).notifyAll(['ada@example.com', 'not-an-address'], 'news');
  assert.equal(count, 2);
  await delay(10);
});
