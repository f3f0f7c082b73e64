/**
 * The facade's own path to the API: one signed request per attempt, built from a request description
 * and sent on a wire (wire.ts): node:http on Node.js, `fetch` elsewhere or when asked. openapi-fetch
 * (the `raw` client) builds a `Request` that undici then copies into a second one, and the guard wraps
 * the response in a third object; on a small answer that was about a quarter of a call's cost. The same
 * rules hold as for the raw client: every attempt gets a fresh nonce and hash, redirects are never
 * followed, bodies are capped while they stream in, and thrown errors keep no credential.
 */
import type { OperationName } from '../../generated/operations.js';
import type { AttemptAbort } from './attempt-abort.js';
import { HuurayError } from './errors/huuray-error.js';
import { HuurayValidationError } from './errors/validation-error.js';
import { fetchWire } from './fetch-wire.js';
import { type FetchFunction, scrubbedError } from './guarded-fetch.js';
import { nodeWire } from './node-wire.js';
import { assertValidNonce, type NonceFactory, randomNonce } from './nonce.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type MaxResponseBytes } from './response-limits.js';
import { createSigner } from './signing.js';
import type { HttpClientChoice, ResponseHeaders, Wire } from './wire.js';

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
  readonly headers: ResponseHeaders;
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
  /** The HTTP client without `fetch`: node:http where there is one (default), or the global `fetch`. */
  readonly httpClient?: HttpClientChoice | undefined;
  readonly maxResponseBytes?: MaxResponseBytes | undefined;
}

/** Sends one signed attempt of `request`. */
export type SignedCall = (request: ApiRequest, abort: AttemptAbort) => Promise<ApiResponse>;

/**
 * The wire `options` ask for. The caller's `fetch` is always used when given; otherwise node:http
 * where the runtime is Node.js, unless `httpClient` is `'fetch'`.
 *
 * @throws HuurayValidationError for `httpClient: 'node'` with a `fetch`, or where node:http is not Node's.
 */
export function wireFor(options: Pick<SignedCallOptions, 'fetch' | 'httpClient'>): Wire {
  const choice = options.httpClient;
  if (choice === 'node' && options.fetch !== undefined) {
    throw new HuurayValidationError('Huuray options', [
      { path: 'httpClient', message: "'node' cannot be combined with a `fetch`: remove one of them" },
    ]);
  }
  if (options.fetch !== undefined || choice === 'fetch') return fetchWire(options.fetch);
  const node = nodeWire();
  if (node !== undefined) return node;
  if (choice === 'node') {
    throw new HuurayValidationError('Huuray options', [
      { path: 'httpClient', message: "'node' needs Node.js 20.16 or later (process.getBuiltinModule)" },
    ]);
  }
  return fetchWire(undefined);
}

/** Builds the facade's signed caller for one client configuration. */
export function createSignedCall(options: SignedCallOptions): SignedCall {
  const sign = createSigner(options.secret);
  const nonceOf = options.nonce ?? randomNonce;
  const wire = wireFor(options);
  const token = options.token;
  const limits = { ...DEFAULT_MAX_RESPONSE_BYTES, ...options.maxResponseBytes };
  return async (request, abort) => {
    const nonce = nonceOf();
    if (options.nonce !== undefined) assertValidNonce(nonce);
    const hash = await sign(nonce);
    const credentials = [token, nonce, hash];
    let url = options.baseUrl + request.path;
    if (request.query !== undefined) url += `?${new URLSearchParams(request.query).toString()}`;
    try {
      const { status, headers, text } = await wire({
        method: request.method,
        url,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'X-API-TOKEN': token,
          'X-API-NONCE': nonce,
          'X-API-HASH': hash,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        abort,
        limit: limits[request.name],
        operation: request.operation,
      });
      return { status, headers, text, credentials };
    } catch (error) {
      if (error instanceof HuurayError) throw error;
      throw scrubbedError(error, credentials);
    }
  };
}
