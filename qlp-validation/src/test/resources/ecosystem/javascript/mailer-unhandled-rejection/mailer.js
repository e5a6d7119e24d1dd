'use strict';

class Mailer {
  constructor(transport) {
    this.transport = transport;
  }

  async send(to, subject) {
    if (!to.includes('@')) {
      throw new Error(`invalid recipient: ${to}`);
    }
    return this.transport.deliver({ to, subject });
  }

  // Fire and forget: the promise is never awaited or caught.
  notifyAll(recipients, subject) {
    for (const to of recipients) {
      this.send(to, subject);
    }
    return recipients.length;
  }
}

module.exports = { Mailer };
