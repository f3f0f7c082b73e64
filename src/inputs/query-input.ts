import { z } from 'zod';
import type { components } from '../../generated/openapi.js';
import { positiveInt32, productToken, refId } from './fields.js';

/** What `orders.find` can search by (any combination; at least one). */
export const findInput = z
  .strictObject({
    refId: refId.optional(),
    orderUid: z.string().min(1).optional(),
    voucherId: z.int32({ error: 'must be a whole number (a voucher id)' }).optional(),
    productToken: productToken.optional(),
    recipientName: z.string().min(1).optional(),
    recipientEmail: z.string().min(1).optional(),
    recipientPhone: z.string().min(1).optional(),
    recipientRefId: z.string().min(1).optional(),
    emailTemplateId: positiveInt32('an email template id').optional(),
    smsTemplateId: positiveInt32('an SMS template id').optional(),
  })
  .refine((q) => Object.values(q).some((v) => v !== undefined), { error: 'give at least one field to search by' });

/** What `orders.find` can search by (any combination; at least one). */
export type FindInput = z.input<typeof findInput>;

export function toSearchRequest(q: z.output<typeof findInput>): components['schemas']['SearchRequest'] {
  const body: components['schemas']['SearchRequest'] = {};
  if (q.refId !== undefined) body.RefID = q.refId;
  if (q.orderUid !== undefined) body.OrderUID = q.orderUid;
  if (q.voucherId !== undefined) body.VoucherID = q.voucherId;
  if (q.productToken !== undefined) body.ProductToken = q.productToken;
  if (q.recipientName !== undefined) body.RecipientName = q.recipientName;
  if (q.recipientEmail !== undefined) body.RecipientEmail = q.recipientEmail;
  if (q.recipientPhone !== undefined) body.RecipientPhone = q.recipientPhone;
  if (q.recipientRefId !== undefined) body.RecipientRefID = q.recipientRefId;
  if (q.emailTemplateId !== undefined) body.EmailTemplateID = q.emailTemplateId;
  if (q.smsTemplateId !== undefined) body.SMSTemplateID = q.smsTemplateId;
  return body;
}

/** Which order (and optionally which voucher of it) to resend or cancel. */
export const voucherTarget = z.strictObject({
  orderUid: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  voucherId: z.int32({ error: 'must be a whole number (a voucher id)' }).optional(),
});

/** Which order (and optionally which voucher of it) to resend or cancel. */
export type VoucherTarget = z.input<typeof voucherTarget>;

export const stockInput = z.strictObject({
  productToken,
  valueMinor: z.int32().positive().optional(),
});

export const exchangeRateInput = z.strictObject({
  from: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter currency code' })
    .transform((c) => c.toUpperCase()),
  to: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter currency code' })
    .transform((c) => c.toUpperCase()),
});

export const catalogueInput = z.strictObject(
  { all: z.boolean({ error: 'must be true or false' }).optional() },
  { error: 'must be an object such as { all: true }' },
);
