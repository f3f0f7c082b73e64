import { HuurayError } from './huuray-error.js';

/** One problem with an input: where it is and what is wrong, in plain words. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `recipient.email`; empty for the input as a whole. */
  readonly path: string;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/**
 * Bad input, detected before any request is sent: nothing was charged and nothing was sent.
 * `issues` lists every problem found, not just the first.
 */
export class HuurayValidationError extends HuurayError {
  /** Every problem found, not just the first. */
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[], operation?: string) {
    const listed = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super(`Invalid ${subject}: ${listed}`, { operation, retryable: false });
    this.issues = issues;
  }
}
