import type { Order } from '../domain/order.js';

/** An order placed exactly once, and how that was known. */
export type PlacedOrder = Order & {
  /** `true` when the order was learned from a search, not from the order's own answer. */
  readonly reconciled: boolean;
  /**
   * `created`: this call placed it; `reconciled`: its answer was lost and a search found it;
   * `existing`: an earlier call (or a concurrent one in this process) had placed it.
   */
  readonly source: 'created' | 'reconciled' | 'existing';
  /** How many `POST /v4/Order` requests this call sent (0 when it already existed). */
  readonly orderRequests: number;
};
