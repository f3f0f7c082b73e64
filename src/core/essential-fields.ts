/**
 * The response fields the facade acts on, per operation. They are checked strictly whatever the rest
 * of a body looks like: an order is only believed with a readable OrderUID and RefID, and money
 * fields must be whole numbers. IDs are any safe integer, not int32: .NET APIs widen ids to `long`
 * and the spec's int32 would otherwise turn a paid order into "outcome unknown".
 */
import { z } from 'zod';

const safeInteger = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const voucherId = safeInteger.nullish();
const orderAnswer = z.object({
  OrderUID: z.string().nullish(),
  RefID: z.string().nullish(),
  Vouchers: z.array(z.object({ ID: voucherId })).nullish(),
});

/** Keyed by the transport's operation label (`METHOD /path`). Operations not listed have none. */
export const ESSENTIAL_FIELDS: Readonly<Record<string, z.ZodType>> = {
  'POST /v4/Order': orderAnswer,
  'POST /v4/Search': orderAnswer,
  'GET /v4/Balance': z.object({
    Balances: z.array(z.object({ Currency: z.string().nullish(), Balance: safeInteger.optional() })).nullish(),
  }),
  'DELETE /v4/Cancel': z.object({
    OrderUID: z.string().nullish(),
    Vouchers: z.array(z.object({ ID: voucherId, Cancelled: z.boolean().optional() })).nullish(),
  }),
  'POST /v4/Resend': z.object({ NumberOfResends: safeInteger.nullish() }),
  'POST /v4/Stock': z.object({ Stock: safeInteger.nullish() }),
  'GET /v4/ExchangeRates': z.object({ ExchangeRate: z.number().nullish() }),
  'POST /v4/Catalogue': z.object({ Products: z.array(z.object({ ProductToken: z.string().nullish() })).nullish() }),
  'POST /v4/Template': z.object({ Templates: z.array(z.object({ Id: safeInteger.optional() })).nullish() }),
};
