import { HuurayError, type HuurayErrorOptions } from './huuray-error.js';

/**
 * The server answered with a redirect (3xx, or an opaque redirect in a browser). The client never
 * follows one: the signed headers would go to an origin the caller did not configure, and an unused
 * (token, nonce, hash) triple authorises any single request there. On an order the redirect is an
 * ambiguous answer: the order may have been stored before it, so it is reconciled by a search
 * against the configured base URL.
 */
export class HuurayRedirectError extends HuurayError {
  /** The 3xx status, or 0 for a browser's opaque redirect. */
  readonly status: number;

  constructor(operation: string, status: number, options: Omit<HuurayErrorOptions, 'operation'> = {}) {
    super(
      `${operation} answered with a redirect (HTTP ${status}); redirects are never followed, so the signed request went nowhere else`,
      { ...options, operation },
    );
    this.status = status;
  }
}

/**
 * The response body exceeded the operation's size limit (`maxResponseBytes`). Reading stopped at the
 * limit, so no more than that was buffered. On an order this is an ambiguous answer.
 */
export class HuurayResponseTooLargeError extends HuurayError {
  /** The HTTP status of the answer whose body was too large. */
  readonly status: number;
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;

  constructor(
    operation: string,
    status: number,
    limitBytes: number,
    options: Omit<HuurayErrorOptions, 'operation'> = {},
  ) {
    super(
      `${operation} answered HTTP ${status} with a body over the ${limitBytes}-byte limit; raise maxResponseBytes for this operation if the answer is legitimate`,
      { ...options, operation },
    );
    this.status = status;
    this.limitBytes = limitBytes;
  }
}
