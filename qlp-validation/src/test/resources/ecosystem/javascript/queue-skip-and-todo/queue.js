'use strict';

class Queue {
  #items = [];

  enqueue(item) {
    this.#items.push(item);
  }

  dequeue() {
    if (this.#items.length === 0) {
      throw new Error('queue is empty');
    }
    return this.#items.shift();
  }

  get size() {
    return this.#items.length;
  }
}

module.exports = Queue;
