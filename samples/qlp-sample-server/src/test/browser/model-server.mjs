// A loopback OpenAI-compatible chat-completions endpoint for the browser test. It answers from answers.mjs, logs
// every request it got as one JSON line to --log, and writes the port it listens on to --port-file.
//
//   node model-server.mjs --port-file /tmp/x/model.port --log /tmp/x/model-requests.jsonl
import { createServer } from 'node:http';
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { answerFor } from './answers.mjs';

const { values: options } = parseArgs({
  options: {
    'port-file': { type: 'string' },
    log: { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

let completions = 0;

function promptText(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n');
}

function usage(prompt, completion) {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function sendJson(response, status, value) {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function complete(body, response) {
  completions += 1;
  const id = `chatcmpl-${completions}`;
  const created = Math.floor(Date.now() / 1000);
  const model = typeof body.model === 'string' ? body.model : 'loopback';
  const text = answerFor(promptText(body));
  if (options.log) {
    appendFileSync(options.log, `${JSON.stringify({ n: completions, at: new Date().toISOString(), body })}\n`);
  }
  if (body.stream === true) {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const chunk = (delta, finish) => ({
      id, object: 'chat.completion.chunk', created, model,
      choices: delta === null ? [] : [{ index: 0, delta, finish_reason: finish }],
    });
    response.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: text }, null))}\n\n`);
    response.write(`data: ${JSON.stringify(chunk({}, 'stop'))}\n\n`);
    response.write(`data: ${JSON.stringify({ ...chunk(null, null), usage: usage(120, 80) })}\n\n`);
    response.end('data: [DONE]\n\n');
    return;
  }
  sendJson(response, 200, {
    id, object: 'chat.completion', created, model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: usage(120, 80),
  });
}

const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://loopback').pathname;
  if (request.method === 'GET' && path.endsWith('/models')) {
    sendJson(response, 200, { object: 'list', data: [{ id: 'loopback', object: 'model', owned_by: 'qlp-test' }] });
    return;
  }
  if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
    sendJson(response, 404, { error: { message: `no route ${request.method} ${path}`, type: 'invalid_request_error' } });
    return;
  }
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      sendJson(response, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
      return;
    }
    complete(body, response);
  });
});

server.listen(Number(options.port), '127.0.0.1', () => {
  const { port } = server.address();
  if (options['port-file']) {
    writeFileSync(options['port-file'], String(port));
  }
  console.log(`model server listening on http://127.0.0.1:${port}/v1`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
