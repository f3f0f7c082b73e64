import { describe, expect, inject, it } from 'vitest';
import { type OperationName, operations } from '../../generated/operations.js';
import * as schemas from '../../generated/zod.js';
import { createHuurayClient, type HuurayClient } from '../../src/index.js';

type Called = { response: Response; data?: unknown; error?: unknown };

// One valid call per operation of the spec; the table is checked against generated/operations.ts below.
const calls: Record<OperationName, (client: HuurayClient) => Promise<Called>> = {
  Balance: (c) => c.GET('/v4/Balance'),
  Cancel: (c) => c.DELETE('/v4/Cancel', { body: { OrderUID: 'ord_6f1c2a', VoucherID: 1234 } }),
  Catalogue: (c) => c.POST('/v4/Catalogue', { body: { All: false } }),
  ExchangeRates: (c) => c.GET('/v4/ExchangeRates', { params: { query: { FromCurrency: 'EUR', ToCurrency: 'DKK' } } }),
  Order: (c) =>
    c.POST('/v4/Order', {
      body: {
        Sync: true,
        RefID: 'contract-order-1',
        Product: { Token: 'prod_abc', Value: 5000, Currency: 'DKK', Quantity: 1 },
        DeliveryTemplateId: 12,
        Recipients: [{ Name: 'Ada Lovelace', Email: 'ada@example.com' }],
      },
    }),
  Resend: (c) => c.POST('/v4/Resend', { body: { OrderUID: 'ord_6f1c2a' } }),
  Search: (c) => c.POST('/v4/Search', { body: { RefID: 'contract-order-1' } }),
  Stock: (c) => c.POST('/v4/Stock', { body: { ProductToken: 'prod_abc', Value: 5000 } }),
  Template: (c) => c.POST('/v4/Template'),
};

function zodSchema(name: string) {
  const schema = (schemas as Record<string, unknown>)[`z${name}`];
  if (schema === undefined || typeof (schema as { safeParse?: unknown }).safeParse !== 'function') {
    throw new Error(`generated/zod.ts has no schema z${name}`);
  }
  return schema as { safeParse(value: unknown): { success: boolean; error?: unknown } };
}

describe('contract: every operation against Prism serving the vendored spec', () => {
  const client = createHuurayClient({
    token: 'contract-token',
    secret: 'contract-secret',
    baseUrl: inject('prismUrl'),
  });

  it('has one contract call per operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(operations.map((o) => o.name).sort());
  });

  for (const operation of operations) {
    it(`${operation.method} ${operation.path} is accepted and its answer parses with the generated schema`, async () => {
      const { response, data, error } = await calls[operation.name](client);
      expect(response.headers.get('sl-violations'), 'Prism found request violations').toBeNull();
      expect(error).toBeUndefined();
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      const schemaName = (operation.responses as Record<string, string | null>)[String(response.status)];
      expect(schemaName, `spec declares no body for ${response.status}`).toBeTruthy();
      const parsed = zodSchema(schemaName as string).safeParse(data);
      expect(parsed.error).toBeUndefined();
      expect(parsed.success).toBe(true);
    });
  }
});

describe('contract tests can fail', () => {
  const prismUrl = inject('prismUrl');

  it('Prism rejects a request without the signing headers', async () => {
    const response = await fetch(`${prismUrl}/v4/Balance`, { headers: { 'X-API-TOKEN': 'contract-token' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('sl-violations')).toContain('x-api-nonce');
    expect(response.headers.get('sl-violations')).toContain('x-api-hash');
  });

  it('Prism rejects a request without any credential', async () => {
    const response = await fetch(`${prismUrl}/v4/Balance`);
    expect(response.status).toBe(401);
  });

  it('Prism reports a body field the spec does not define', async () => {
    const client = createHuurayClient({ token: 't', secret: 's', baseUrl: prismUrl });
    const { response } = await client.POST('/v4/Stock', {
      // openapi-fetch's generic body type does not trigger excess-property checks, so Prism is the guard here.
      body: { ProductToken: 'prod_abc', Colour: 'red' } as { ProductToken: string },
    });
    expect(response.headers.get('sl-violations')).toContain('Colour');
  });
});
