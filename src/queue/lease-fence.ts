import { HuurayError } from '../core/errors/huuray-error.js';
import { renewLease } from './placement.js';
import type { HuurayQueue } from './queue.js';

type FetchFunction = (request: Request) => Promise<Response>;

const ORDER_PATH = /\/v4\/Order$/i;

/**
 * Refuses to let a `POST /v4/Order` leave unless its worker still holds the row, renewing the lease
 * as it goes. A worker that stalled past its lease (a busy machine, a long pause) has had its row
 * taken over as in doubt, with the quarantine counted from that lease's end: an order sent after it
 * could land after the quarantine and be paid twice. Renewing here makes every order leave inside
 * a fresh lease.
 */
export class LeaseFence {
  readonly #queue: HuurayQueue;
  readonly #holders = new Map<string, string>();

  constructor(queue: HuurayQueue) {
    this.#queue = queue;
  }

  /** Marks `refId` as held by `holder` in this process while `body` runs. */
  async holding<T>(refId: string, holder: string, body: () => Promise<T>): Promise<T> {
    this.#holders.set(refId, holder);
    try {
      return await body();
    } finally {
      if (this.#holders.get(refId) === holder) this.#holders.delete(refId);
    }
  }

  wrap(next: FetchFunction): FetchFunction {
    return async (request) => {
      if (request.method === 'POST' && ORDER_PATH.test(new URL(request.url).pathname)) {
        const body = (await request
          .clone()
          .json()
          .catch(() => null)) as { RefID?: unknown } | null;
        const refId = typeof body?.RefID === 'string' ? body.RefID : null;
        const holder = refId === null ? undefined : this.#holders.get(refId);
        if (refId !== null && holder !== undefined && !(await renewLease(this.#queue, refId, holder))) {
          // Thrown before anything is sent; send() treats it as unknown and this worker's claim is gone.
          throw new HuurayError(`the worker's lease on RefID ${refId} ended before the order left; nothing was sent`, {
            operation: 'POST /v4/Order',
            retryable: false,
          });
        }
      }
      return next(request);
    };
  }
}
