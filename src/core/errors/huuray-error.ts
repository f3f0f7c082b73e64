/** What every Huuray error carries besides its message. */
export interface HuurayErrorOptions {
  /** The API operation, e.g. `POST /v4/Order`, when the error belongs to one. */
  readonly operation?: string | undefined;
  /** Whether the same call may safely be tried again. */
  readonly retryable?: boolean | undefined;
  /** The underlying error, already stripped of anything secret by whoever throws. */
  readonly cause?: unknown;
}

/**
 * Base class of every error this package throws, so `catch (e) { if (e instanceof HuurayError) ... }`
 * separates Huuray failures from everything else. Messages and properties never hold the API token,
 * the secret, a signature or a voucher code.
 */
export class HuurayError extends Error {
  /** The API operation, e.g. `POST /v4/Order`, or `undefined` for errors raised before choosing one. */
  readonly operation: string | undefined;
  /** `true` when repeating the same call cannot cause a duplicate effect and may succeed. */
  readonly retryable: boolean;

  constructor(message: string, options: HuurayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
    this.retryable = options.retryable ?? false;
  }
}
