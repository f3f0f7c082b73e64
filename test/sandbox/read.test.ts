import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, TEXTS } from '../../src/sandbox/index.js';
import { callJson } from './signed.js';

describe('sandbox read-only operations and accounts', () => {
  let sandbox: Sandbox;
  const other = { token: 'other-token', secret: 'other-secret' };
  const bare = { token: 'bare-token', secret: 'bare-secret' };
  const pdfOnly = { token: 'pdf-token', secret: 'pdf-secret' };
  let allowed: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 41, catalogueSize: 50 });
    allowed = sandbox.state.products[0]?.token ?? '';
  });
  afterAll(() => sandbox.close());

  it('Balance lists each currency with one master', async () => {
    const { status, body } = await callJson(sandbox, '/v4/Balance', { method: 'GET' });
    expect(status).toBe(200);
    expect(body.Balances).toEqual([
      { Currency: 'DKK', Balance: 10_000_000, Master: true },
      { Currency: 'EUR', Balance: 1_000_000, Master: false },
      { Currency: 'USD', Balance: 1_000_000, Master: false },
    ]);
  });

  it('Catalogue with All: false lists the account’s products with token and discount', async () => {
    const { status, body } = await callJson(sandbox, '/v4/Catalogue', { body: { All: false } });
    expect(status).toBe(200);
    const products = body.Products as Record<string, unknown>[];
    expect(products).toHaveLength(50);
    const first = products[0] as Record<string, unknown>;
    expect(first.ProductToken).toBe(allowed);
    expect(typeof first.Discount).toBe('number');
    expect(first.Denominations).toMatch(/^\d+(,\d+)+$/);
    expect(new Set(products.map((p) => p.Currency)).size).toBeGreaterThanOrEqual(5);
  });

  it('Catalogue with All: true lists every product without ProductToken', async () => {
    const { body } = await callJson(sandbox, '/v4/Catalogue', { body: { All: true } });
    const products = body.Products as Record<string, unknown>[];
    expect(products).toHaveLength(50);
    expect(products.every((p) => !('ProductToken' in p))).toBe(true);
  });

  it('ExchangeRates answers rate and spread, 400 without currencies, 404 for an unknown pair', async () => {
    const ok = await callJson(sandbox, '/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=DKK', { method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.body.ExchangeRate).toBeCloseTo(7.457, 2);
    expect(ok.body.Spread).toBe(2);
    expect((await callJson(sandbox, '/v4/ExchangeRates', { method: 'GET' })).status).toBe(400);
    expect(
      (await callJson(sandbox, '/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=XYZ', { method: 'GET' })).status,
    ).toBe(404);
  });

  it('Stock answers per product and value; 404 unknown product; 422 unknown value', async () => {
    const product = sandbox.state.products[1];
    const value = product?.denominations[1] ?? 0;
    sandbox.state.setStock(product?.token ?? '', value, 7);
    expect(
      (await callJson(sandbox, '/v4/Stock', { body: { ProductToken: product?.token, Value: value } })).body.Stock,
    ).toBe(7);
    expect((await callJson(sandbox, '/v4/Stock', { body: { ProductToken: 'nope' } })).status).toBe(404);
    expect((await callJson(sandbox, '/v4/Stock', { body: { ProductToken: product?.token, Value: 1 } })).status).toBe(
      422,
    );
  });

  it('Template lists Email and SMS templates but not PDF ones', async () => {
    const { status, body } = await callJson(sandbox, '/v4/Template', {});
    expect(status).toBe(200);
    expect((body.Templates as { Type: string }[]).map((t) => t.Type)).toEqual(['Email', 'SMS']);
  });

  describe('with several accounts', () => {
    let multi: Sandbox;
    beforeAll(async () => {
      multi = await startSandbox({
        seed: 41,
        catalogueSize: 50,
        accounts: [
          { ...other, balances: { EUR: 5000 }, products: [allowed], discounts: { [allowed]: 12.5 } },
          { ...bare, templates: [], products: [] },
          { ...pdfOnly, templates: [{ Type: 'PDF' }] },
        ],
      });
    });
    afterAll(() => multi.close());

    it('each account sees its own balances, products and discount', async () => {
      const creds = { url: multi.url, ...other };
      expect((await callJson(creds, '/v4/Balance', { method: 'GET' })).body.Balances).toEqual([
        { Currency: 'EUR', Balance: 5000, Master: true },
      ]);
      const { body } = await callJson(creds, '/v4/Catalogue', {});
      expect(body.Products).toEqual([expect.objectContaining({ ProductToken: allowed, Discount: 12.5 })]);
    });

    it('an account may not order a product outside its access (403)', async () => {
      const forbidden = multi.state.products[2];
      const { body } = await callJson({ url: multi.url, ...other }, '/v4/Order', {
        body: {
          Sync: true,
          Product: {
            Token: forbidden?.token,
            Value: forbidden?.denominations[0],
            Currency: forbidden?.currency,
            Quantity: 1,
          },
        },
      });
      expect(body).toMatchObject({ Status: 403, StatusMessage: TEXTS.productNoAccess });
    });

    it('Template answers 404 without templates and an empty list with PDF templates only', async () => {
      const none = await callJson({ url: multi.url, ...bare }, '/v4/Template', {});
      expect(none.body).toEqual({ Status: 404, StatusMessage: TEXTS.noTemplates, Message: TEXTS.noTemplates });
      const pdf = await callJson({ url: multi.url, ...pdfOnly }, '/v4/Template', {});
      expect(pdf).toMatchObject({ status: 200, body: { Templates: [] } });
      expect((await callJson({ url: multi.url, ...bare }, '/v4/Catalogue', {})).status).toBe(404);
    });
  });
});
