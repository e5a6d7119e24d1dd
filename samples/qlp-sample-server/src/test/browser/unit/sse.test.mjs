import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './static-path.mjs';

const { SseParser, StreamRefused, streamEvents } = await pageModule('app/sse.js');

test('should_parse_events_when_the_stream_is_split_at_any_character', () => {
  const stream = 'id:1\nevent:progress\ndata:{"a":1}\n\n: comment\nid: 2\nevent: progress\ndata: line1\ndata: line2\n\n'
    + 'event:end\ndata:{"state":"FINISHED"}\n\n';
  for (let size = 1; size <= stream.length; size += 1) {
    const parser = new SseParser();
    const events = [];
    for (let i = 0; i < stream.length; i += size) {
      events.push(...parser.feed(stream.slice(i, i + size)));
    }
    assert.deepEqual(events, [
      { event: 'progress', data: '{"a":1}', id: '1' },
      { event: 'progress', data: 'line1\nline2', id: '2' },
      { event: 'end', data: '{"state":"FINISHED"}', id: '2' },
    ], `chunks of ${size}`);
  }
});

test('should_accept_crlf_and_cr_line_ends_when_parsing', () => {
  const parser = new SseParser();
  const events = [...parser.feed('data:a\r\n\r\ndata:b\r'), ...parser.feed('\r'), ...parser.feed('data:c\n\n')];
  assert.deepEqual(events.map((e) => e.data), ['a', 'b', 'c']);
  assert.equal(events[0].event, 'message');
});

test('should_ignore_events_without_data_and_keep_retry_when_given', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.feed('event:ping\n\nretry: 1500\nretry: x\n\n'), []);
  assert.equal(parser.retry, 1500);
});

/** A fetch that answers each call with the next scripted stream; a stream can end early (a dropped connection). */
function scriptedFetch(answers) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, headers: { ...init.headers } });
    const answer = answers.shift();
    if (answer instanceof Error) {
      throw answer;
    }
    if (typeof answer === 'number') {
      return new Response('{"error":{"code":"x","message":"no","details":{},"request_id":"r"}}', { status: answer });
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      start(controller) {
        for (const piece of answer) {
          controller.enqueue(encoder.encode(piece));
        }
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetchImpl, calls };
}

test('should_resume_with_last_event_id_when_the_connection_drops', async () => {
  const { fetchImpl, calls } = scriptedFetch([
    ['id:1\nevent:progress\ndata:{"sequence":1}\n\n', 'id:2\nevent:progress\ndata:{"seq'],
    new TypeError('network down'),
    ['id:2\nevent:progress\ndata:{"sequence":2}\n\nevent:end\ndata:{"state":"FINISHED"}\n\n'],
  ]);
  const seen = [];
  const reconnects = [];
  const end = await streamEvents({
    url: '/v1/capsule/c1/events', headers: { 'X-API-Key': 'k' }, fetchImpl, reconnectDelayMs: 1,
    onEvent: (event) => seen.push(event), onReconnect: (info) => reconnects.push(info),
  });

  assert.equal(end.event, 'end');
  assert.deepEqual(seen.filter((e) => e.event === 'progress').map((e) => JSON.parse(e.data).sequence), [1, 2]);
  assert.equal(calls.length, 3);
  assert.equal(calls[0].headers['Last-Event-ID'], undefined);
  assert.equal(calls[1].headers['Last-Event-ID'], '1');
  assert.equal(calls[2].headers['Last-Event-ID'], '1');
  assert.ok(calls.every((call) => call.headers['X-API-Key'] === 'k' && !call.url.includes('k=')));
  assert.deepEqual(reconnects.map((r) => r.attempt), [1, 2]);
});

test('should_stop_without_retrying_when_the_server_refuses_the_stream', async () => {
  const { fetchImpl, calls } = scriptedFetch([401, ['data:x\n\n']]);
  await assert.rejects(
    streamEvents({ url: '/e', fetchImpl, onEvent: () => {}, reconnectDelayMs: 1 }),
    (error) => error instanceof StreamRefused && error.status === 401,
  );
  assert.equal(calls.length, 1);
});

test('should_give_up_when_the_stream_keeps_dropping_without_events', async () => {
  const { fetchImpl, calls } = scriptedFetch([503, [], 503, [], 503, []]);
  await assert.rejects(
    streamEvents({ url: '/e', fetchImpl, onEvent: () => {}, reconnectDelayMs: 1, maxReconnects: 3 }),
    /dropped 4 times/,
  );
  assert.equal(calls.length, 4);
});
