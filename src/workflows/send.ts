import { z } from 'zod';
import type { FacadeContext } from '../context.js';
import type { CallOptions } from '../core/transport.js';
import { currency, futureDate, positiveInt32, productToken, recipient, refId, valueMinor } from '../inputs/fields.js';
import type { ParsedOrderInput } from '../inputs/order-input.js';
import { parseInput } from '../inputs/parse.js';
import { recipientsDigest } from '../ledger/fingerprint.js';
import { resolvePlaceCall } from '../options/call-options.js';
import type { ReconcileOptions } from '../options/defaults.js';
import { ORDER_OPERATION } from '../primitives/order.js';
import { placeExactlyOnce } from './place-exactly-once.js';
import type { PlacedOrder } from './placed-order.js';

export const sendInput = z.strictObject({
  productToken,
  valueMinor,
  currency,
  recipient,
  templateId: positiveInt32('a template id from templates()'),
  refId,
  message: z.string().max(1000).optional(),
  deliverAt: futureDate.optional(),
});

/** One gift card to one recipient. `refId` is required: it is what makes the send exactly-once. */
export type SendInput = z.input<typeof sendInput>;

/** Options of `send`: the call's own signal/timeout and, optionally, different reconciliation settings. */
export interface SendOptions extends CallOptions {
  /** Reconciliation settings for this call, over the client's. */
  readonly reconcile?: Partial<ReconcileOptions> | undefined;
  /**
   * An earlier attempt of this refId may have been sent at this time (a job or campaign that died
   * mid-order): the refId is treated as in doubt since then, reconciled by search, and never sent
   * again before the quarantine has passed.
   */
  readonly priorAttemptAt?: Date | number | undefined;
}

/**
 * The order a checked send input places. Built from its fields rather than parsed again with
 * `orderInput` (about a third of a send's input checking): the fields went through the same schemas,
 * and `orderInput`'s cross-field rules hold by construction (one sync card, one recipient, a template).
 */
export function orderOfSend(s: z.output<typeof sendInput>): ParsedOrderInput & { refId: string } {
  return {
    productToken: s.productToken,
    valueMinor: s.valueMinor,
    currency: s.currency,
    quantity: 1,
    sync: true,
    refId: s.refId,
    templateId: s.templateId,
    recipients: [s.recipient],
    ...(s.message === undefined ? {} : { message: s.message }),
    ...(s.deliverAt === undefined ? {} : { deliverAt: s.deliverAt }),
  };
}

export async function send(ctx: FacadeContext, input: SendInput, options: SendOptions = {}): Promise<PlacedOrder> {
  const s = parseInput(sendInput, input, 'send input', ORDER_OPERATION);
  const call = resolvePlaceCall(ctx.defaults, options, ORDER_OPERATION);
  const order = orderOfSend(s);
  const intent = {
    productToken: s.productToken,
    valueMinor: s.valueMinor,
    currency: s.currency,
    quantity: 1,
    templateId: s.templateId,
    recipientsDigest: await recipientsDigest([s.recipient]),
  };
  const expected = { productToken: s.productToken, quantity: 1, recipients: [s.recipient] };
  return placeExactlyOnce(ctx, { order, expected }, intent, call);
}
