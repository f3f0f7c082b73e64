import { HuurayApiError } from '../core/errors/api-error.js';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import { HuurayIndeterminateOrderError } from '../core/errors/indeterminate-order-error.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { RowEntry } from './journal-records.js';

/**
 * The journal record for a row whose send threw. A definitive refusal (4xx except 429, or bad input) is
 * `failed` and `definitive`, and so is a conflict (the RefID names another reward); an unknown outcome is `unknown`; anything else (the search before sending
 * failed, so nothing was sent) is `failed` but retried by the next run.
 */
export function failureEntry(refId: string, error: unknown): RowEntry {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HuurayIndeterminateOrderError) return { state: 'unknown', refId, message };
  const definitive =
    error instanceof HuurayValidationError ||
    // The RefID names another reward: sending it again can never be right.
    error instanceof HuurayConflictError ||
    (error instanceof HuurayApiError && error.status >= 400 && error.status < 500 && error.status !== 429);
  const name = error instanceof Error ? error.name : 'Error';
  return { state: 'failed', refId, error: name, message, definitive };
}
