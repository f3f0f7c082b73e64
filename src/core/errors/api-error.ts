import { HuurayError } from './huuray-error.js';

/** The fields of Huuray's `Response` body that an error keeps. Never the raw body. */
export interface ApiErrorDetails {
  /** The API operation, e.g. `POST /v4/Order`. */
  readonly operation: string;
  /** The HTTP status. */
  readonly status: number;
  /** The body's `Status`, when the API sent one. */
  readonly apiStatus?: number | undefined;
  /** The body's `StatusMessage`, falling back to the deprecated `Message`. */
  readonly statusMessage?: string | undefined;
  /** Whether the same call may safely be tried again. */
  readonly retryable?: boolean | undefined;
}

/**
 * The API answered with an error status. Subclasses name the status; `retryable` tells whether the
 * same call may be repeated (never true for an order, whose repetition could pay twice).
 */
export class HuurayApiError extends HuurayError {
  /** The HTTP status. */
  readonly status: number;
  /** `Status` from the response body, when present. */
  readonly apiStatus: number | undefined;
  /** `StatusMessage` (or the deprecated `Message`) from the response body, when present. */
  readonly statusMessage: string | undefined;

  constructor(details: ApiErrorDetails) {
    const said = details.statusMessage ? `: ${details.statusMessage}` : '';
    super(`${details.operation} failed with HTTP ${details.status}${said}`, {
      operation: details.operation,
      retryable: details.retryable ?? false,
    });
    this.status = details.status;
    this.apiStatus = details.apiStatus;
    this.statusMessage = details.statusMessage;
  }
}

/** 400: the API refused the request as malformed. Fix the input; never retried. */
export class HuurayBadRequestError extends HuurayApiError {}
/** 401: wrong token, wrong signature, or a nonce that was already used. */
export class HuurayAuthenticationError extends HuurayApiError {}
/** 403: the account may not do this (IP not allowed, product not enabled, ...). */
export class HuurayPermissionDeniedError extends HuurayApiError {}
/** 404: nothing matched. Reads that can be empty turn this into `[]` or `null` instead of throwing. */
export class HuurayNotFoundError extends HuurayApiError {}
/** 422: understood but refused (insufficient funds, out of stock, a value the product does not offer, ...). */
export class HuurayUnprocessableError extends HuurayApiError {}
/** 5xx: the API failed. For an order this is ambiguous: it may have been stored. */
export class HuurayServerError extends HuurayApiError {}

/** 429: too many requests. `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class HuurayRateLimitError extends HuurayApiError {
  /** The server's `Retry-After` in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails & { retryAfterMs?: number | undefined }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Builds the error class that matches `details.status`. */
export function apiErrorFor(details: ApiErrorDetails & { retryAfterMs?: number | undefined }): HuurayApiError {
  switch (details.status) {
    case 400:
      return new HuurayBadRequestError(details);
    case 401:
      return new HuurayAuthenticationError(details);
    case 403:
      return new HuurayPermissionDeniedError(details);
    case 404:
      return new HuurayNotFoundError(details);
    case 422:
      return new HuurayUnprocessableError(details);
    case 429:
      return new HuurayRateLimitError(details);
    default:
      return details.status >= 500 ? new HuurayServerError(details) : new HuurayApiError(details);
  }
}
