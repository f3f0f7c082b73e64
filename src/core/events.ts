/**
 * What the `logger` option receives: one event per attempt and per reconciliation step. Events never
 * hold the token, secret, nonce, hash, a request or response body, or a voucher code.
 */
export type HuurayEvent =
  | {
      /** One HTTP attempt finished. */
      readonly type: 'attempt';
      /** e.g. `POST /v4/Order` */
      readonly operation: string;
      /** 1 for the first attempt of a call. */
      readonly attempt: number;
      /** The HTTP status, when a response arrived. */
      readonly status?: number | undefined;
      /** Time from sending to the end of the response (or the failure). */
      readonly durationMs: number;
      /** How the attempt ended. */
      readonly outcome: 'ok' | 'http-error' | 'timeout' | 'connection-error' | 'invalid-response';
    }
  | {
      /** A read is about to be tried again. */
      readonly type: 'retry';
      /** e.g. `GET /v4/Balance` */
      readonly operation: string;
      /** The attempt that failed. */
      readonly attempt: number;
      /** The error class that made it fail, e.g. `HuurayServerError`. */
      readonly reason: string;
      /** Wait before the next attempt (backoff or `Retry-After`). */
      readonly delayMs: number;
    }
  | {
      /** A 2xx body did not match the spec's schema (`validateResponses: 'warn'` goes on after it). */
      readonly type: 'response-validation';
      /** e.g. `POST /v4/Catalogue` */
      readonly operation: string;
      /** The HTTP status of the response. */
      readonly status: number;
      /** Paths and zod's words; never the values. */
      readonly issues: readonly {
        /** Dotted path in the body, e.g. `Products.0.Value`. */
        readonly path: string;
        /** What is wrong there. */
        readonly message: string;
      }[];
    }
  | {
      /** A step of finding out what happened to an order (`send`, `issue`). */
      readonly type: 'reconcile';
      /** The RefID being reconciled. */
      readonly refId: string;
      /** `existing`: found before sending; `search`/`found`/`not-found`: a search and its result; `settle-wait`: waiting before the next search; `resend`: a new POST after searches found nothing; `indeterminate`: giving up. */
      readonly step: 'existing' | 'search' | 'found' | 'not-found' | 'settle-wait' | 'resend' | 'indeterminate';
      /** Which order attempt of the send this step belongs to (1 = the first POST). */
      readonly orderAttempt: number;
      /** The wait of a `settle-wait` step. */
      readonly delayMs?: number | undefined;
    };

/** Receives {@link HuurayEvent}s. Must not throw; exceptions from it are swallowed. */
export type HuurayLogger = (event: HuurayEvent) => void;
