import { z } from 'zod';

const INT32_MAX = 2_147_483_647;

/** A face value in minor units: a positive int32 integer. `50.5` is refused, never rounded. */
export const valueMinor = z
  .number({ error: 'must be a number of minor units, e.g. 5025 for 50.25' })
  .refine(Number.isInteger, {
    error: (issue) =>
      `must be a whole number of minor units (5025 for 50.25); ${String(issue.input)} has a fraction and is never rounded`,
    abort: true,
  })
  .refine((n) => n > 0 && n <= INT32_MAX, { error: `must be from 1 to ${INT32_MAX} minor units` });

/** ISO 4217, three letters; upper-cased. */
export const currency = z
  .string({ error: 'must be a 3-letter currency code such as DKK' })
  .regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter currency code such as DKK' })
  .transform((c) => c.toUpperCase());

export const productToken = z
  .string({ error: 'is required: the productToken from the catalogue' })
  .trim()
  .min(1, { error: 'is required: the productToken from the catalogue' });

/** Your order reference: searchable later, the key to exactly-once sending. */
export const refId = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(/^[\x20-\x7E]+$/, { error: 'must be printable ASCII' })
  // A server that trims would echo a different RefID and make every later search ambiguous.
  .refine((s) => s.trim() === s, { error: 'must not start or end with a space' });

export const positiveInt32 = (what: string) =>
  z.int32({ error: `must be a whole number (${what})` }).positive({ error: `must be positive (${what})` });

/** A date-time in the future, as a Date or an ISO 8601 string; sent as ISO 8601 UTC. */
export const futureDate = z
  .union([z.date(), z.string()], { error: 'must be a Date or an ISO 8601 date-time string' })
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid date-time' });
      return z.NEVER;
    }
    if (date.getTime() <= Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'must be in the future' });
      return z.NEVER;
    }
    return date.toISOString();
  });

export const email = z.email({ error: 'must be a valid email address' });
export const phone = z
  .string()
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, { error: 'must be a phone number such as +4512345678' });

export const recipient = z
  .strictObject(
    {
      /** Recipient name, at most 200 characters. */
      name: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
      /** Email address to deliver to. */
      email: email.optional(),
      /** Phone number for SMS delivery, e.g. `+4512345678`. */
      phone: phone.optional(),
      /** Your reference for this recipient. */
      refId: refId.optional(),
    },
    { error: 'must be an object with name, email, phone or refId' },
  )
  .refine((r) => r.email !== undefined || r.phone !== undefined, {
    error: 'needs an email or a phone number for delivery',
  });

/** One recipient of an order: a name, and an email or a phone number to deliver to. */
export type RecipientInput = z.input<typeof recipient>;
