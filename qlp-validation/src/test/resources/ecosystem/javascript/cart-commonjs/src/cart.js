'use strict';

const { roundCents } = require('./money');

class Cart {
  constructor() {
    this.lines = new Map();
  }

  add(sku, price, quantity = 1) {
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
    }
    const line = this.lines.get(sku) || { price, quantity: 0 };
    line.quantity += quantity;
    this.lines.set(sku, line);
    return this;
  }

  total() {
    let sum = 0;
    for (const { price, quantity } of this.lines.values()) {
      sum += price * quantity;
    }
    return roundCents(sum);
  }
}

module.exports = { Cart };
