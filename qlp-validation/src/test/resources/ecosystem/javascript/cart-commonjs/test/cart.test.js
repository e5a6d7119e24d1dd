'use strict';

const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { Cart } = require('../src/cart');

describe('Cart', () => {
  let cart;

  beforeEach(() => {
    cart = new Cart();
  });

  it('is empty at first', () => {
    assert.equal(cart.total(), 0);
  });

  it('sums lines and rounds to cents', () => {
    cart.add('tea', 3.1, 3).add('cup', 0.1);
    assert.equal(cart.total(), 9.4);
  });

  it('merges repeated skus', () => {
    cart.add('tea', 2).add('tea', 2, 2);
    assert.equal(cart.lines.get('tea').quantity, 3);
  });

  describe('validation', () => {
    it('rejects a zero quantity', () => {
      assert.throws(() => cart.add('tea', 2, 0), RangeError);
    });
  });
});
