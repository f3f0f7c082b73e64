import { z } from 'zod';
import type { components } from '../../generated/openapi.js';
import { currency, futureDate, positiveInt32, productToken, recipient, refId, valueMinor } from './fields.js';

/** Sync orders return their vouchers and are limited to 25 codes (spec). */
export const MAX_SYNC_QUANTITY = 25;

const orderShape = {
  productToken,
  valueMinor,
  currency,
  quantity: positiveInt32('number of gift cards'),
  sync: z.boolean({ error: 'must be true (vouchers in the answer, up to 25) or false (async)' }),
  refId: refId.optional(),
  /** A delivery template (email/SMS); `null` or absent for no delivery (codes come back to you). */
  templateId: positiveInt32('a template id from templates()').nullable().optional(),
  message: z.string().max(1000, { error: 'must be at most 1000 characters' }).optional(),
  deliverAt: futureDate.optional(),
  expiresAt: futureDate.optional(),
  recipients: z.array(recipient).optional(),
};

/** Input of `orders.create`, camelCase; checked in full before anything is sent. */
export const orderInput = z.strictObject(orderShape).superRefine((o, ctx) => {
  if (o.sync && o.quantity > MAX_SYNC_QUANTITY) {
    ctx.addIssue({
      code: 'custom',
      path: ['quantity'],
      message: `must be at most ${MAX_SYNC_QUANTITY} for a sync order; use sync: false or issue() for more`,
    });
  }
  const delivering = o.templateId !== undefined && o.templateId !== null;
  const count = o.recipients?.length ?? 0;
  if (delivering && count === 0) {
    ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'are required when a templateId is given' });
  }
  if (count > 0 && count !== 1 && count !== o.quantity) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipients'],
      message: `must be 1 or equal to quantity (${o.quantity}), got ${count}`,
    });
  }
  if (!delivering && o.deliverAt !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['deliverAt'], message: 'needs a templateId to deliver with' });
  }
});

/** Input of `orders.create`, camelCase; checked in full before anything is sent. */
export type OrderInput = z.input<typeof orderInput>;
export type ParsedOrderInput = z.output<typeof orderInput>;

/** The wire body for `POST /v4/Order`: only fields the spec defines, none with an undefined value. */
export function toOrderRequest(o: ParsedOrderInput): components['schemas']['OrderRequest'] {
  return {
    Product: {
      Token: o.productToken,
      Value: o.valueMinor,
      Currency: o.currency,
      Quantity: o.quantity,
      ...(o.expiresAt === undefined ? {} : { Expires: o.expiresAt }),
    },
    Sync: o.sync,
    ...(o.refId === undefined ? {} : { RefID: o.refId }),
    DeliveryTemplateId: o.templateId ?? null,
    ...(o.deliverAt === undefined ? {} : { DeliveryDatetime: o.deliverAt }),
    ...(o.message === undefined ? {} : { PersonalMessage: o.message }),
    ...(o.recipients === undefined || o.recipients.length === 0
      ? {}
      : {
          Recipients: o.recipients.map((r) => ({
            ...(r.name === undefined ? {} : { Name: r.name }),
            ...(r.email === undefined ? {} : { Email: r.email }),
            ...(r.phone === undefined ? {} : { Phone: r.phone }),
            ...(r.refId === undefined ? {} : { RefID: r.refId }),
          })),
        }),
  };
}
