import { HuurayError } from './huuray-error.js';

/**
 * The order may or may not have been placed, and this client could not find out. Do NOT simply send it
 * again: look it up with `huuray.orders.find({ refId })` first (or call `send` again with the same
 * `refId`, which does exactly that). `cause` holds the failure that made the outcome unknown.
 */
export class HuurayIndeterminateOrderError extends HuurayError {
  /** The order's `RefID`: the only way to find out later whether it landed. `undefined` if none was given. */
  readonly refId: string | undefined;

  constructor(operation: string, refId: string | undefined, detail: string, cause?: unknown) {
    const ref = refId === undefined ? 'no RefID was given, so search by recipient or time' : `RefID ${refId}`;
    super(`${operation}: outcome unknown (${detail}); look the order up by ${ref} before sending it again`, {
      operation,
      retryable: false,
      cause,
    });
    this.refId = refId;
  }
}
