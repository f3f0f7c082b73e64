import { HuurayError, type HuurayErrorOptions } from './huuray-error.js';

/** The connection failed or broke before a complete response arrived (DNS, refused, reset, truncated body). */
export class HuurayConnectionError extends HuurayError {}

/** No complete response within the time limit. `timeoutMs` is the limit that ran out. */
export class HuurayTimeoutError extends HuurayError {
  /** The time limit that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number, options: Omit<HuurayErrorOptions, 'operation'> = {}) {
    super(`${operation} got no response within ${timeoutMs} ms`, { ...options, operation });
    this.timeoutMs = timeoutMs;
  }
}

/** A 2xx answer whose body is not valid JSON or does not match the spec's schema. */
export class HuurayResponseValidationError extends HuurayError {
  /** The HTTP status of the response that did not match. */
  readonly status: number;
  /** Where the body departs from the schema: paths and zod's words, never the values (they may be codes). */
  /** Each mismatch: its path in the body and zod's words, never the value. */
  readonly issues: readonly {
    /** Dotted path in the body. */
    readonly path: string;
    /** What is wrong there. */
    readonly message: string;
  }[];

  constructor(
    operation: string,
    status: number,
    issues: readonly { readonly path: string; readonly message: string }[],
    options: Omit<HuurayErrorOptions, 'operation'> = {},
  ) {
    const listed = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super(`${operation} answered HTTP ${status} with a body that does not match the spec: ${listed}`, {
      ...options,
      operation,
    });
    this.status = status;
    this.issues = issues;
  }
}
