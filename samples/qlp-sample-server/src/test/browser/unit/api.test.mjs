import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './static-path.mjs';

const { ApiError, attachmentName, createApi } = await pageModule('app/api.js');

function recordingFetch(respond) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { calls, fetchImpl };
}

test('should_send_the_key_only_in_the_header_and_encode_ids_when_calling_the_api', async () => {
  const { calls, fetchImpl } = recordingFetch(() => Response.json({ capsuleId: 'x', versions: [] }));
  let key = 'secret-1';
  const api = createApi({ key: () => key, fetchImpl });

  await api.versions('../../v1/capsules?x=1');
  key = 'secret-2';
  await api.diff('abc', '1', '2');

  assert.equal(calls[0].url, '/v1/capsule/..%2F..%2Fv1%2Fcapsules%3Fx%3D1/versions');
  assert.equal(calls[0].init.headers['X-API-Key'], 'secret-1');
  assert.equal(calls[1].url, '/v1/capsule/abc/diff?from=1&to=2');
  assert.equal(calls[1].init.headers['X-API-Key'], 'secret-2', 'the key is read on every call');
  assert.ok(calls.every((call) => !call.url.includes('secret')));
});

test('should_post_the_request_as_json_when_generating', async () => {
  const { calls, fetchImpl } = recordingFetch(() => Response.json({ id: 'c1', status: 'RUNNING' }, { status: 202 }));
  const api = createApi({ key: () => 'k', fetchImpl });

  const started = await api.generate({ description: 'a greeter', language: 'java' });

  assert.deepEqual(started, { id: 'c1', status: 'RUNNING' });
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(calls[0].init.body), { description: 'a greeter', language: 'java' });
});

test('should_turn_the_error_shape_into_an_api_error_when_the_server_refuses', async () => {
  const { fetchImpl } = recordingFetch(() => Response.json(
    { error: { code: 'unauthenticated', message: 'the API key is not accepted', details: {}, request_id: 'rq-9' } },
    { status: 401 },
  ));
  const api = createApi({ key: () => 'bad', fetchImpl });

  await assert.rejects(api.list(), (error) => error instanceof ApiError && error.status === 401
    && error.code === 'unauthenticated' && error.requestId === 'rq-9'
    && error.describe() === '401 unauthenticated: the API key is not accepted (request id rq-9)');
});

test('should_report_an_api_error_when_the_answer_is_not_the_error_shape', async () => {
  const { fetchImpl } = recordingFetch(() => new Response('<html>proxy</html>', {
    status: 502, headers: { 'X-Request-ID': 'p1' } }));
  const api = createApi({ key: () => 'k', fetchImpl });

  await assert.rejects(api.capsule('c'), (error) => error.status === 502 && error.code === 'http_error'
    && error.requestId === 'p1');
});

test('should_report_a_network_error_when_fetch_fails', async () => {
  const api = createApi({ key: () => 'k', fetchImpl: async () => { throw new TypeError('connection refused'); } });
  await assert.rejects(api.list(), (error) => error.status === 0 && error.code === 'network_error');
});

test('should_download_an_export_with_a_safe_file_name', async () => {
  const { calls, fetchImpl } = recordingFetch(() => new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
    status: 200,
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="capsule-c1.zip"' },
  }));
  const api = createApi({ key: () => 'k', fetchImpl });

  const { blob, fileName } = await api.export('c1', 'zip');

  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].url, '/v1/capsule/c1/export/zip');
  assert.equal(fileName, 'capsule-c1.zip');
  assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], [0x50, 0x4b, 3, 4]);
  await assert.rejects(api.export('c1', '../zip'), /unknown export format/);
});

test('should_reduce_attachment_names_to_safe_characters', () => {
  assert.equal(attachmentName('attachment; filename="../../etc/passwd"', 'f.zip'), '_.._etc_passwd');
  assert.equal(attachmentName("attachment; filename*=UTF-8''caps%C3%BCle.tar.gz", 'f'), 'caps_le.tar.gz');
  assert.equal(attachmentName(null, 'fallback.zip'), 'fallback.zip');
  assert.equal(attachmentName('attachment; filename="..."', 'fallback.zip'), 'fallback.zip');
});
