import type { AttemptAbort } from './attempt-abort.js';

/**
 * The one thing a signed attempt needs from HTTP: send a request, refuse redirects, cap the body, and
 * hand back the status, the headers and the body as text. Two implementations: `fetch-wire.ts` (any
 * runtime, or the caller's `fetch`) and `node-wire.ts` (node:http, where it is cheaper).
 */

/** Response headers, read by name (case-insensitive), as `Headers.get` reads them. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/** One attempt as the wire sends it: the signing is done, the body is already JSON text. */
export interface WireRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** Calling it off rejects with its reason, as `fetch` does with a signal's, whether or not headers came yet. */
  readonly abort: AttemptAbort;
  /** Bytes of (decoded) body at most; more is `HuurayResponseTooLargeError`. */
  readonly limit: number;
  /** `METHOD /path`, for the errors the wire throws. */
  readonly operation: string;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly text: string;
}

/**
 * Sends one attempt. Throws `HuurayRedirectError` for any 3xx (redirects are never followed) and
 * `HuurayResponseTooLargeError` past `limit`; anything else it throws is a network failure or the abort.
 */
export type Wire = (request: WireRequest) => Promise<WireResponse>;

/** Which HTTP client a `Huuray` sends with; see `HuurayOptions.httpClient`. */
export type HttpClientChoice = 'node' | 'fetch';
