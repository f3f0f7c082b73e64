/**
 * The facade's own path to the API: one signed `fetch` per attempt, built from a request description,
 * with no `Request` object made twice. openapi-fetch (the `raw` client) builds a `Request` that undici
 * then copies into a second one, and the guard wraps the response in a third object; on a small
 * answer that was about a quarter of a call's cost. The same rules hold as for the raw client: every
 * attempt gets a fresh nonce and hash, redirects are never followed, bodies are capped while they
 * stream in, and thrown errors keep no credential.
 */
import type { OperationName } from '../../generated/operations.js';
import { HuurayError } from './errors/huuray-error.js';
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { type FetchFunction, isRedirect, scrubbedError } from './guarded-fetch.js';
import { assertValidNonce, type NonceFactory, randomNonce } from './nonce.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type MaxResponseBytes } from './response-limits.js';
import { createSigner } from './signing.js';

/** One request of the API, as the facade describes it. */
export interface ApiRequest {
  /** The operation's name in generated/operations.ts, which also picks its body limit. */
  readonly name: OperationName;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** `METHOD /path`, the label errors and events name the operation by. */
  readonly operation: string;
  readonly query?: Readonly<Record<string, string>> | undefined;
  /** Sent as JSON; `undefined` sends no body. */
  readonly body?: unknown;
}

/** What came back: the status, headers, the body as text, and the credentials the attempt carried. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The attempt's token, nonce and hash, so texts built from this answer can be scrubbed of them. */
  readonly credentials: readonly string[];
}

export interface SignedCallOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly secret: string;
  readonly nonce?: NonceFactory | undefined;
  /** The caller's `fetch`, which takes a `Request`; without it the global `fetch` is called directly. */
  readonly fetch?: FetchFunction | undefined;
  readonly maxResponseBytes?: MaxResponseBytes | undefined;
}

/** Sends one signed attempt of `request`. */
export type SignedCall = (request: ApiRequest, signal: AbortSignal) => Promise<ApiResponse>;

/**
 * The body of an answer with no declared length, counted as it streams in and cut at `limit`. A
 * declared length is checked before the body is read (and fetch itself refuses a longer body), so
 * such an answer is read in one go without this.
 */
async function readCountedStream(
  response: Response,
  body: ReadableStream<Uint8Array>,
  limit: number,
  operation: string,
) {
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
      throw new HuurayResponseTooLargeError(operation, response.status, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Builds the facade's signed caller for one client configuration. */
export function createSignedCall(options: SignedCallOptions): SignedCall {
  const sign = createSigner(options.secret);
  const nonceOf = options.nonce ?? randomNonce;
  const custom = options.fetch;
  const token = options.token;
  const limits = { ...DEFAULT_MAX_RESPONSE_BYTES, ...options.maxResponseBytes };
  return async (request, signal) => {
    const nonce = nonceOf();
    if (options.nonce !== undefined) assertValidNonce(nonce);
    const hash = await sign(nonce);
    const credentials = [token, nonce, hash];
    const operation = request.operation;
    let url = options.baseUrl + request.path;
    if (request.query !== undefined) url += `?${new URLSearchParams(request.query).toString()}`;
    const init: RequestInit = {
      method: request.method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'X-API-TOKEN': token,
        'X-API-NONCE': nonce,
        'X-API-HASH': hash,
      },
      redirect: 'manual',
      signal,
    };
    if (request.body !== undefined) init.body = JSON.stringify(request.body);
    let response: Response;
    try {
      response = await (custom === undefined ? globalThis.fetch(url, init) : custom(new Request(url, init)));
    } catch (error) {
      if (error instanceof HuurayError) throw error;
      throw scrubbedError(error, credentials);
    }
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => undefined);
      throw new HuurayRedirectError(operation, response.type === 'opaqueredirect' ? 0 : response.status);
    }
    const limit = limits[request.name];
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw new HuurayResponseTooLargeError(operation, response.status, limit);
    }
    let text: string;
    try {
      text =
        Number.isFinite(declared) || response.body === null
          ? await response.text()
          : await readCountedStream(response, response.body, limit, operation);
    } catch (error) {
      if (error instanceof HuurayError) throw error;
      throw scrubbedError(error, credentials);
    }
    return { status: response.status, headers: response.headers, text, credentials };
  };
}
