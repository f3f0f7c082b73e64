import type { HuurayClient } from './core/client.js';
import type { Transport } from './core/transport.js';

/** How `send` and `issue` find out what happened to an order whose answer was lost. */
export interface ReconcileOptions {
  /** Search by RefID before the first POST and return an order that already exists (default `true`). */
  readonly checkExisting: boolean;
  /** Searches after an ambiguous failure before concluding the order did not land (default 4). */
  readonly checks: number;
  /** Wait between those searches; orders have landed 30+ s after the client gave up (default 15 s). */
  readonly settleDelayMs: number;
  /** POSTs per order in all, the first included; each later one only after `checks` searches found nothing (default 2). */
  readonly maxOrderAttempts: number;
}

/** The defaults: search first, 4 searches 15 s apart after a lost answer, at most 2 POSTs per order. */
export const DEFAULT_RECONCILE: ReconcileOptions = {
  checkExisting: true,
  checks: 4,
  settleDelayMs: 15_000,
  maxOrderAttempts: 2,
};

/** What the facade's parts share. Internal. */
export interface FacadeContext {
  readonly raw: HuurayClient;
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly orderTimeoutMs: number;
  readonly reconcile: ReconcileOptions;
}
