// Server-Sent Events over fetch. EventSource cannot send an API key header, so the page reads the stream with fetch,
// parses it with SseParser (the WHATWG event-stream rules), and resumes after a dropped connection with
// Last-Event-ID until the server's `end` event arrives.

/** Parses an event stream fed in arbitrary chunks; returns the complete events of each chunk. */
export class SseParser {
  #buffer = '';
  #data = [];
  #event = '';
  /** The last id the stream set; survives events, as the spec's "last event ID buffer". */
  lastEventId = '';
  /** The last `retry:` value in milliseconds, or null. */
  retry = null;

  /** Feeds text; returns [{event, data, id}] for each event the text completed. */
  feed(text) {
    this.#buffer += text;
    const events = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (match === null) {
        break;
      }
      // A lone \r at the very end may be the first half of \r\n: wait for more text.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) {
        break;
      }
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event !== null) {
        events.push(event);
      }
    }
    return events;
  }

  #line(line) {
    if (line === '') {
      return this.#dispatch();
    }
    if (line.startsWith(':')) {
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.#data.push(value);
    } else if (field === 'event') {
      this.#event = value;
    } else if (field === 'id') {
      if (!value.includes('\0')) {
        this.lastEventId = value;
      }
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) {
        this.retry = Number(value);
      }
    }
    return null;
  }

  #dispatch() {
    const hadData = this.#data.length > 0;
    const event = { event: this.#event || 'message', data: this.#data.join('\n'), id: this.lastEventId };
    this.#data = [];
    this.#event = '';
    return hadData ? event : null;
  }
}

/** An HTTP answer that ends the stream for good (401, 404, ...). */
export class StreamRefused extends Error {
  constructor(status, body) {
    super(`the event stream was refused with HTTP ${status}`);
    this.name = 'StreamRefused';
    this.status = status;
    this.body = body;
  }
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});

/**
 * Streams events from `url` until an event named `endEvent` arrives, reconnecting with `Last-Event-ID` after a
 * dropped connection (at most `maxReconnects` times in a row without a new event).
 *
 * @param {object} options
 * @param {string} options.url
 * @param {Record<string,string>} [options.headers] sent on every connection (such as the API key)
 * @param {(event: {event: string, data: string, id: string}) => void} options.onEvent
 * @param {(info: {attempt: number, lastEventId: string}) => void} [options.onReconnect]
 * @param {AbortSignal} [options.signal]
 * @param {typeof fetch} [options.fetchImpl]
 * @param {string} [options.endEvent]
 * @param {number} [options.maxReconnects]
 * @param {number} [options.reconnectDelayMs]
 * @returns {Promise<{event: string, data: string, id: string}>} the end event
 */
export async function streamEvents({
  url, headers = {}, onEvent, onReconnect = () => {}, signal, fetchImpl = globalThis.fetch.bind(globalThis),
  endEvent = 'end', maxReconnects = 5, reconnectDelayMs = 500,
}) {
  let lastEventId = '';
  let failures = 0;
  let delay = reconnectDelayMs;
  for (;;) {
    if (signal?.aborted) {
      throw signal.reason ?? new DOMException('aborted', 'AbortError');
    }
    const requestHeaders = { Accept: 'text/event-stream', ...headers };
    if (lastEventId !== '') {
      requestHeaders['Last-Event-ID'] = lastEventId;
    }
    let progressed = false;
    try {
      const response = await fetchImpl(url, { headers: requestHeaders, signal, cache: 'no-store' });
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        // 5xx and 429 may pass; anything else will not change by asking again.
        if (response.status < 500 && response.status !== 429) {
          throw new StreamRefused(response.status, body);
        }
        throw new Error(`HTTP ${response.status}`);
      }
      const parser = new SseParser();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
        for (const event of parser.feed(text)) {
          if (event.id !== '') {
            lastEventId = event.id;
          }
          progressed = true;
          onEvent(event);
          if (event.event === endEvent) {
            reader.cancel().catch(() => {});
            return event;
          }
        }
        if (parser.retry !== null) {
          delay = parser.retry;
        }
        if (done) {
          break;
        }
      }
    } catch (error) {
      if (error instanceof StreamRefused || signal?.aborted) {
        throw error;
      }
    }
    failures = progressed ? 1 : failures + 1;
    if (failures > maxReconnects) {
      throw new Error(`the event stream dropped ${failures} times in a row`);
    }
    onReconnect({ attempt: failures, lastEventId });
    await sleep(delay, signal);
  }
}
