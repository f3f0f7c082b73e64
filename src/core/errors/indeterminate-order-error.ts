import { HuurayError } from './huuray-error.js';

/** Since when a refId is in doubt, and from when it may be sent again if a search still finds nothing. */
export interface InDoubtTiming {
  readonly inDoubtSince: Date;
  readonly resendableAt: Date;
}

/**
 * The order may or may not have been placed, and this client could not find out. Do NOT simply send it
 * again: look it up with `huuray.orders.find({ refId })` first (or call `send` again with the same
 * `refId`, which does exactly that). `cause` holds the failure that made the outcome unknown.
 */
export class HuurayIndeterminateOrderError extends HuurayError {
  /** The order's `RefID`: the only way to find out later whether it landed. `undefined` if none was given. */
  readonly refId: string | undefined;
  /** Since when the refId is in doubt (its first ambiguous attempt), when the ledger knows it. */
  readonly inDoubtSince: Date | undefined;
  /**
   * From when `send` may place the refId again, and only if a search still finds nothing: the
   * quarantine after `inDoubtSince`. Until then every call searches and otherwise throws this error.
   */
  readonly resendableAt: Date | undefined;

  constructor(operation: string, refId: string | undefined, detail: string, cause?: unknown, timing?: InDoubtTiming) {
    const ref = refId === undefined ? 'no RefID was given, so search by recipient or time' : `RefID ${refId}`;
    const when =
      timing === undefined
        ? ''
        : `; in doubt since ${timing.inDoubtSince.toISOString()}, not sent again before ${timing.resendableAt.toISOString()}`;
    super(`${operation}: outcome unknown (${detail}${when}); look the order up by ${ref} before sending it again`, {
      operation,
      retryable: false,
      cause,
    });
    this.refId = refId;
    this.inDoubtSince = timing?.inDoubtSince;
    this.resendableAt = timing?.resendableAt;
  }
}
