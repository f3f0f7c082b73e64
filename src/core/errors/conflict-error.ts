import { HuurayError } from './huuray-error.js';

/** One parameter that differs between the earlier use of a refId and this one. Never a code or secret. */
export interface ConflictDifference {
  /** e.g. `valueMinor`, `productToken`, `recipient`. */
  readonly field: string;
  /** What the refId was used with before (a digest for recipients). */
  readonly earlier: string | number | null;
  /** What this call asked for. */
  readonly now: string | number | null;
}

/**
 * The refId was already used for an order with other parameters (product, value, currency, quantity,
 * template or recipient). Nothing was sent by this call. A refId names one reward: use a new one for
 * a different reward, or the original parameters to look the earlier one up.
 */
export class HuurayConflictError extends HuurayError {
  /** The refId that is already taken. */
  readonly refId: string;
  /** What differs, field by field, when it is known. */
  readonly differences: readonly ConflictDifference[];

  constructor(operation: string, refId: string, differences: readonly ConflictDifference[], detail?: string) {
    const listed = differences.map((d) => `${d.field} was ${String(d.earlier)}, now ${String(d.now)}`).join('; ');
    const why = detail ?? (listed === '' ? 'other parameters' : listed);
    super(`${operation}: RefID ${refId} was already used for another order (${why}); nothing was sent`, {
      operation,
      retryable: false,
    });
    this.refId = refId;
    this.differences = differences;
  }
}
