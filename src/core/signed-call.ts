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

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' } as const;

async function readCapped(response: Response, limit: number, name: string): Promise<string> {
  const tooLarge = () => new HuurayResponseTooLargeError(`${name}`, response.status, limit);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  // A declared length within the limit is enforced by fetch itself (a longer body is an error), so
  // the body can be read in one go; only an undeclared length needs counting as it streams.
  if (Number.isFinite(declared) || response.body === null) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
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
  const limits = { ...DEFAULT_MAX_RESPONSE_BYTES, ...options.maxResponseBytes };
  return async (request, signal) => {
    const nonce = nonceOf();
    if (options.nonce !== undefined) assertValidNonce(nonce);
    const hash = await sign(nonce);
    const credentials = [options.token, nonce, hash];
    const operation = `${request.method} ${request.path}`;
    let url = options.baseUrl + request.path;
    if (request.query !== undefined) url += `?${new URLSearchParams(request.query).toString()}`;
    const init: RequestInit = {
      method: request.method,
      headers: { ...JSON_HEADERS, 'X-API-TOKEN': options.token, 'X-API-NONCE': nonce, 'X-API-HASH': hash },
      redirect: 'manual',
      signal,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    };
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
    let text: string;
    try {
      text = await readCapped(response, limits[request.name], operation);
    } catch (error) {
      if (error instanceof HuurayError) throw error;
      throw scrubbedError(error, credentials);
    }
    return { status: response.status, headers: response.headers, text, credentials };
  };
}
