import { describe, expect, it } from 'vitest';
import { Huuray, HuurayValidationError, type OrderInput } from '../../src/index.js';

// Port 9 (discard) on loopback: any request that escaped validation would fail as a connection error.
const huuray = new Huuray({ token: 't', secret: 's', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
const base: OrderInput = { productToken: 'prod_abc', valueMinor: 5000, currency: 'DKK', quantity: 1, sync: true };

async function issues(input: unknown): Promise<{ path: string; message: string }[]> {
  const error = await huuray.orders.create(input as OrderInput).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HuurayValidationError);
  return [...(error as HuurayValidationError).issues];
}

describe('order input is checked before anything is sent', () => {
  it.each([
    [{ valueMinor: 50.5 }, 'valueMinor', 'never rounded'],
    [{ valueMinor: 0 }, 'valueMinor', 'from 1'],
    [{ valueMinor: 2 ** 31 }, 'valueMinor', 'from 1'],
    [{ valueMinor: '5000' }, 'valueMinor', 'minor units'],
    [{ currency: 'DK' }, 'currency', '3-letter'],
    [{ quantity: 26 }, 'quantity', 'at most 25 for a sync order'],
    [{ quantity: 0 }, 'quantity', 'positive'],
    [{ templateId: 12 }, 'recipients', 'required when a templateId'],
    [
      { quantity: 3, recipients: [{ email: 'a@example.com' }, { email: 'b@example.com' }] },
      'recipients',
      'must be 1 or equal',
    ],
    [{ templateId: 12, recipients: [{ name: 'No Contact' }] }, 'recipients.0', 'email or a phone'],
    [{ templateId: 12, recipients: [{ email: 'not-an-email' }] }, 'recipients.0.email', 'valid email'],
    [{ templateId: 12, recipients: [{ phone: 'call me' }] }, 'recipients.0.phone', 'phone number'],
    [
      { deliverAt: '2020-01-01T00:00:00Z', templateId: 12, recipients: [{ email: 'a@example.com' }] },
      'deliverAt',
      'in the future',
    ],
    [
      { deliverAt: 'next tuesday', templateId: 12, recipients: [{ email: 'a@example.com' }] },
      'deliverAt',
      'not a valid date',
    ],
    [{ expiresAt: new Date(0) }, 'expiresAt', 'in the future'],
    [{ colour: 'red' }, 'colour', 'not a known field'],
    [{ refId: 'order-1 ' }, 'refId', 'must not start or end with a space'],
    [{ refId: 'x'.repeat(101) }, 'refId', 'at most 100'],
  ])('%j -> %s: %s', async (change, path, words) => {
    const found = await issues({ ...base, ...change });
    const issue = found.find((i) => i.path === path);
    expect(issue, JSON.stringify(found)).toBeDefined();
    expect(`${issue?.path} ${issue?.message}`).toContain(words);
  });

  it('reports every problem at once', async () => {
    const found = await issues({ ...base, valueMinor: 1.5, currency: 'kr', quantity: 30 });
    expect(found.map((i) => i.path).sort()).toEqual(['currency', 'valueMinor']);
  });

  it('rejects bad client options at construction', () => {
    expect(() => new Huuray({ token: 't', secret: 's', timeoutMs: 1.5 })).toThrow(HuurayValidationError);
    expect(() => new Huuray({ token: 't', secret: 's', maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => new Huuray({ token: 't', secret: 's', reconcile: { checks: 0 } })).toThrow(/reconcile.checks/);
  });
});
