import { describe, expect, inject, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import * as schemas from '../../generated/zod.js';
import { Huuray, HuurayConflictError, HuurayIndeterminateOrderError } from '../../src/index.js';

interface Seen {
  operation: string;
  violations: string | null;
  bodyProblems: string[];
}

/**
 * Observes every request the facade makes to the real Prism server: which operation, whether Prism
 * found a violation, and whether the body has a field the spec does not define (checked with the
 * generated schema made strict), so the gate fails closed on anything the client invents.
 */
function observingFetch(seen: Seen[]) {
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const operation = operations.find((o) => o.path === path && o.method === request.method);
    const bodyProblems: string[] = [];
    const text = await request.clone().text();
    if (operation?.requestBody) {
      const schema = (schemas as Record<string, unknown>)[`z${operation.requestBody}`] as {
        strict(): { safeParse(v: unknown): { success: boolean; error?: { message: string } } };
      };
      const parsed = schema.strict().safeParse(text === '' ? {} : JSON.parse(text));
      if (!parsed.success) bodyProblems.push(parsed.error?.message ?? 'invalid');
    } else if (text !== '') {
      bodyProblems.push('a body where the spec defines none');
    }
    const response = await fetch(request);
    seen.push({
      operation: operation ? `${operation.method} ${operation.path}` : `UNKNOWN ${request.method} ${path}`,
      violations: response.headers.get('sl-violations'),
      bodyProblems,
    });
    return response;
  };
}

describe('facade against Prism serving the vendored spec', () => {
  const seen: Seen[] = [];
  const huuray = new Huuray({
    token: 'prism-token',
    secret: 'prism-secret',
    baseUrl: inject('prismUrl'),
    fetch: observingFetch(seen),
    reconcile: { settleDelayMs: 0 },
  });

  it('reads balances, catalogue, templates, stock and rates into domain objects', async () => {
    const [balance] = await huuray.balances();
    expect(balance).toEqual({
      currency: expect.any(String),
      amountMinor: expect.any(Number),
      master: expect.any(Boolean),
    });
    const [product] = await huuray.catalogue();
    expect(product?.denominations).toBeInstanceOf(Array);
    expect(product?.categories).toBeInstanceOf(Array);
    expect(await huuray.templates()).toHaveLength(1);
    expect(typeof (await huuray.stock({ productToken: 'prod_abc', valueMinor: 5000 }))).toBe('number');
    expect(await huuray.exchangeRate({ from: 'eur', to: 'DKK' })).toMatchObject({
      from: 'EUR',
      to: 'DKK',
      rate: expect.any(Number),
    });
  });

  it('creates sync and async orders, finds, resends and cancels', async () => {
    const sync = await huuray.orders.create({
      productToken: 'prod_abc',
      valueMinor: 5000,
      currency: 'DKK',
      quantity: 2,
      sync: true,
      // Prism answers with its example order, whose RefID is "string"; an answer naming another
      // RefID than the one sent is never believed, so the contract test sends that one.
      refId: 'string',
      templateId: 12,
      recipients: [{ name: 'Ada', email: 'ada@example.com' }],
      deliverAt: new Date(Date.now() + 86_400_000),
      message: 'Thank you!',
    });
    expect(sync.vouchers.length).toBeGreaterThan(0);
    const asyncOrder = await huuray.orders.create({
      productToken: 'prod_abc',
      valueMinor: 5000,
      currency: 'DKK',
      quantity: 100,
      sync: false,
    });
    expect(typeof asyncOrder.orderUid).toBe('string');
    expect(await huuray.orders.find({ refId: 'string', recipientEmail: 'ada@example.com' })).not.toBeNull();
    expect(await huuray.orders.resend({ orderUid: 'ord_1', voucherId: 7 })).toMatchObject({ partial: false });
    expect(await huuray.orders.cancel({ orderUid: 'ord_1' })).toMatchObject({ partial: false });
  });

  it('runs send, issue and revealCodes', async () => {
    const gift = {
      productToken: 'prod_abc',
      valueMinor: 5000,
      currency: 'DKK',
      templateId: 12,
      recipient: { name: 'Ada', phone: '+4512345678' },
    };
    // Prism answers every search with its example order, whose RefID and recipient are "string": a send
    // with that refId finds it and sees another recipient (a conflict), and one with any other refId must
    // refuse to guess rather than send. Its order answer names RefID "string" too, which proves nothing
    // about the order sent: that send ends in doubt, never as "created".
    await expect(huuray.send({ ...gift, refId: 'string' })).rejects.toBeInstanceOf(HuurayConflictError);
    await expect(huuray.send({ ...gift, refId: 'prism-send-1' })).rejects.toBeInstanceOf(HuurayIndeterminateOrderError);
    await expect(
      huuray.send({ ...gift, refId: 'prism-send-2' }, { reconcile: { checkExisting: false } }),
    ).rejects.toBeInstanceOf(HuurayIndeterminateOrderError);
    const issued = await huuray.issue({
      productToken: 'prod_abc',
      valueMinor: 5000,
      currency: 'DKK',
      quantity: 1,
      refId: 'string',
    });
    expect(issued.chunks[0]?.state).toBe('failed'); // Prism's example order is "string", not chunk "string.1"
    // Prism's example order is "string": its vouchers are revealed for that OrderUID, and for any other
    // the answer names another order, which is refused rather than handed over as the caller's.
    expect((await huuray.revealCodes('string')).length).toBeGreaterThan(0);
    await expect(huuray.revealCodes('ord_1')).rejects.toThrow(/not the order that was asked for/);
  });

  it('sent nothing Prism or the spec objects to, and reached every operation of the spec', () => {
    expect(seen.filter((s) => s.violations !== null || s.bodyProblems.length > 0)).toEqual([]);
    const reached = new Set(seen.map((s) => s.operation));
    expect([...reached].sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
  });
});
