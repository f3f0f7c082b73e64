/**
 * What the `logger` option receives: one event per attempt and per reconciliation step. Events never
 * hold the token, secret, nonce, hash, a request or response body, or a voucher code.
 */
export type HuurayEvent =
  | {
      readonly type: 'attempt';
      /** e.g. `POST /v4/Order` */
      readonly operation: string;
      /** 1 for the first attempt of a call. */
      readonly attempt: number;
      /** The HTTP status, when a response arrived. */
      readonly status?: number | undefined;
      readonly durationMs: number;
      readonly outcome: 'ok' | 'http-error' | 'timeout' | 'connection-error' | 'invalid-response';
    }
  | {
      readonly type: 'retry';
      readonly operation: string;
      /** The attempt that failed. */
      readonly attempt: number;
      /** The error class that made it fail, e.g. `HuurayServerError`. */
      readonly reason: string;
      readonly delayMs: number;
    }
  | {
      readonly type: 'response-validation';
      readonly operation: string;
      readonly status: number;
      /** Paths and zod's words; never the values. */
      readonly issues: readonly { readonly path: string; readonly message: string }[];
    }
  | {
      readonly type: 'reconcile';
      readonly refId: string;
      readonly step: 'existing' | 'search' | 'found' | 'not-found' | 'settle-wait' | 'resend' | 'indeterminate';
      /** Which order attempt of the send this step belongs to (1 = the first POST). */
      readonly orderAttempt: number;
      readonly delayMs?: number | undefined;
    };

/** Receives {@link HuurayEvent}s. Must not throw; exceptions from it are swallowed. */
export type HuurayLogger = (event: HuurayEvent) => void;
