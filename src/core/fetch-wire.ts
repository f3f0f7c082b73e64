/**
 * The wire over `fetch`: the global one, called with a URL and init (no `Request` built), or the
 * caller's, which takes a `Request`. Runs on every runtime.
 */
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { type FetchFunction, isRedirect } from './guarded-fetch.js';
import type { Wire, WireRequest } from './wire.js';

/**
 * The body of an answer with no declared length, counted as it streams in and cut at `limit`. A
 * declared length is checked before the body is read (and fetch itself refuses a longer body), so
 * such an answer is read in one go without this.
 */
async function readCountedStream(status: number, body: ReadableStream<Uint8Array>, limit: number, operation: string) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel().catch(() => undefined);
      throw new HuurayResponseTooLargeError(operation, status, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A wire over `custom` (the caller's fetch), or over the global `fetch` without it. */
export function fetchWire(custom: FetchFunction | undefined): Wire {
  return async (request: WireRequest) => {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      signal: request.abort.toSignal(),
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await (custom === undefined
      ? globalThis.fetch(request.url, init)
      : custom(new Request(request.url, init)));
    const operation = request.operation;
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => undefined);
      throw new HuurayRedirectError(operation, response.type === 'opaqueredirect' ? 0 : response.status);
    }
    const limit = request.limit;
    // A compressed answer's declared length is not what it decodes to: such a body is counted as it
    // decodes, so a small zip cannot unpack past the limit.
    const declared = response.headers.has('content-encoding')
      ? Number.NaN
      : Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw new HuurayResponseTooLargeError(operation, response.status, limit);
    }
    const text =
      Number.isFinite(declared) || response.body === null
        ? await response.text()
        : await readCountedStream(response.status, response.body, limit, operation);
    return { status: response.status, headers: response.headers, text };
  };
}
