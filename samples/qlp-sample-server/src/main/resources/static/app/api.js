// The REST API under /v1, with the key sent only in the X-API-Key header (never in a URL). Every failure becomes an
// ApiError carrying the server's {error: {code, message, details, request_id}}.

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, requestId = '', details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
  }

  /** A line for people: what went wrong and the id to quote. */
  describe() {
    const id = this.requestId ? ` (request id ${this.requestId})` : '';
    return `${this.status ? `${this.status} ` : ''}${this.code}: ${this.message}${id}`;
  }
}

/** Reads an error answer; answers that are not the server's error shape still give an ApiError. */
export async function toApiError(response) {
  const requestId = response.headers.get('X-Request-ID') ?? '';
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = body && typeof body === 'object' ? body.error : null;
  if (error && typeof error.code === 'string') {
    return new ApiError(response.status, error.code, String(error.message ?? ''), error.request_id ?? requestId,
      error.details ?? {});
  }
  return new ApiError(response.status, 'http_error', `HTTP ${response.status}`, requestId);
}

/** The file name in a Content-Disposition header, reduced to safe characters, or the fallback. */
export function attachmentName(disposition, fallback) {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (!match) {
    return fallback;
  }
  let name = match[1];
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded
  }
  name = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return name === '' ? fallback : name;
}

/** A path segment for an id typed or received: encoded so it can never change the path. */
export const segment = (value) => encodeURIComponent(String(value));

/**
 * A client of one server for one key.
 *
 * @param {object} options
 * @param {() => string} options.key reads the current key (from session storage)
 * @param {string} [options.base] the server's origin, '' for the page's own
 * @param {typeof fetch} [options.fetchImpl]
 */
export function createApi({ key, base = '', fetchImpl = globalThis.fetch.bind(globalThis) }) {
  const headers = (extra = {}) => ({ 'X-API-Key': key(), ...extra });

  async function send(method, path, { body, accept = 'application/json', extraHeaders = {} } = {}) {
    const init = { method, headers: headers({ Accept: accept, ...extraHeaders }), cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetchImpl(base + path, init);
    } catch (error) {
      throw new ApiError(0, 'network_error', `the server could not be reached: ${error.message}`);
    }
    if (!response.ok) {
      throw await toApiError(response);
    }
    return response;
  }

  const json = async (method, path, options) => (await send(method, path, options)).json();

  return {
    /** Starts a generation: {id, status, events}. */
    generate: (request) => json('POST', '/v1/generate/capsule', { body: request }),
    /** The capsule, or {id, status: RUNNING|FAILED, ...} while it is not stored. */
    capsule: (id, version) => json('GET', `/v1/capsule/${segment(id)}${version ? `?version=${Number(version)}` : ''}`),
    /** {capsules: [...], hasMore} */
    list: ({ offset = 0, limit = 20, text = '' } = {}) => {
      const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
      if (text) {
        query.set('text', text);
      }
      return json('GET', `/v1/capsules?${query}`);
    },
    versions: (id) => json('GET', `/v1/capsule/${segment(id)}/versions`),
    diff: (id, from, to) => json('GET',
      `/v1/capsule/${segment(id)}/diff?from=${Number(from)}&to=${Number(to)}`),
    createVersion: (id, changes) => json('POST', `/v1/capsule/${segment(id)}/version`, { body: changes }),
    /** The archive as {blob, fileName}; format is 'zip' or 'tar.gz'. */
    export: async (id, format) => {
      if (format !== 'zip' && format !== 'tar.gz') {
        throw new ApiError(0, 'invalid_request', `unknown export format ${format}`);
      }
      const response = await send('POST', `/v1/capsule/${segment(id)}/export/${format}`,
        { accept: '*/*' });
      const fallback = `capsule-${String(id).replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
      return {
        blob: await response.blob(),
        fileName: attachmentName(response.headers.get('Content-Disposition'), fallback),
      };
    },
    /** The headers an event stream needs. */
    streamHeaders: () => headers(),
    eventsUrl: (id) => `${base}/v1/capsule/${segment(id)}/events`,
  };
}
