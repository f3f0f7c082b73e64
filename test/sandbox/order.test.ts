import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCost, type Sandbox, startSandbox, TEXTS } from '../../src/sandbox/index.js';
import { orderBody, productIn, templateId } from './fixtures.js';
import { callJson } from './signed.js';

describe('sandbox Order', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 21, asyncDelayMs: 50 });
  });
  afterAll(() => sandbox.close());

  const order = (body: unknown) => callJson(sandbox, '/v4/Order', { body });

  it('a sync order returns its vouchers, lowers the balance by the documented cost and lowers stock', async () => {
    const product = productIn(sandbox, 'DKK');
    const before = sandbox.state.balance('DKK') ?? 0;
    const stockBefore = sandbox.state.stock(product.token, product.value);
    const { status, body } = await order(orderBody(sandbox, product, { Quantity: 3, RefID: 'sync-3' }));
    expect(status).toBe(200);
    const vouchers = body.Vouchers as { ID: number; Code: string; Expires: string }[];
    expect(vouchers).toHaveLength(3);
    expect(vouchers[0]?.Code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(vouchers[0]?.Expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cost = orderCost(product.value, 3, product.discount);
    expect(cost).toBe(Math.round(product.value * 3 * (1 - product.discount / 100)));
    expect(sandbox.state.balance('DKK')).toBe(before - cost);
    expect(sandbox.state.stock(product.token, product.value)).toBe(stockBefore - 3);
    expect(sandbox.state.order(body.OrderUID as string)?.refId).toBe('sync-3');
  });

  it('charges the master balance through the exchange rate plus spread when no balance has the currency', async () => {
    const product = productIn(sandbox, 'SEK');
    sandbox.state.setExchangeRate('SEK', 'DKK', 0.65, 2);
    const before = sandbox.state.balance('DKK') ?? 0;
    const { status } = await order(orderBody(sandbox, product, { Quantity: 2 }));
    expect(status).toBe(200);
    const costSek = orderCost(product.value, 2, product.discount);
    expect(sandbox.state.balance('DKK')).toBe(before - Math.round(costSek * 0.65 * 1.02));
    expect(sandbox.state.balance('SEK')).toBeUndefined();
  });

  it('converts between currencies of different exponents (JPY has none, KWD three)', async () => {
    const product = productIn(sandbox, 'JPY');
    sandbox.state.setExchangeRate('JPY', 'DKK', 0.045, 0);
    const before = sandbox.state.balance('DKK') ?? 0;
    expect((await order(orderBody(sandbox, product))).status).toBe(200);
    const costYen = orderCost(product.value, 1, product.discount);
    expect(sandbox.state.balance('DKK')).toBe(before - Math.round(costYen * 0.045 * 100));
  });

  it('an async order answers 202 with only OrderUID/RefID, then completes after the delay', async () => {
    const product = productIn(sandbox, 'EUR');
    const { status, body } = await order(orderBody(sandbox, product, { Sync: false, Quantity: 30, RefID: 'async-30' }));
    expect(status).toBe(202);
    expect(body.Vouchers).toBeUndefined();
    const uid = body.OrderUID as string;
    const pending = await callJson(sandbox, '/v4/Search', { body: { RefID: 'async-30' } });
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ OrderUID: uid, RefID: 'async-30', Vouchers: [] });
    await sandbox.state.settled();
    const done = await callJson(sandbox, '/v4/Search', { body: { RefID: 'async-30' } });
    expect(done.body.Vouchers).toHaveLength(30);
    expect(sandbox.state.order(uid)?.status).toBe('complete');
  });

  it.each([
    ['sync quantity over 25', { Quantity: 26 }, 'at most 25'],
    ['quantity 0', { Quantity: 0 }, 'at least 1'],
  ])('refuses %s with 400', async (_name, overrides, text) => {
    const { status, body } = await order(orderBody(sandbox, productIn(sandbox, 'DKK'), overrides));
    expect(status).toBe(400);
    expect(body.StatusMessage).toContain(text);
  });

  it('refuses a value that is not a denomination, and a currency other than the product’s', async () => {
    const product = productIn(sandbox, 'DKK');
    const wrongValue = orderBody(sandbox, product);
    (wrongValue.Product as Record<string, unknown>).Value = 123;
    expect((await order(wrongValue)).body.StatusMessage).toContain('not a denomination');
    const wrongCurrency = orderBody(sandbox, product);
    (wrongCurrency.Product as Record<string, unknown>).Currency = 'EUR';
    expect((await order(wrongCurrency)).status).toBe(400);
  });

  it('needs 1 recipient or exactly Quantity, and what the template delivers by', async () => {
    const product = productIn(sandbox, 'DKK');
    const two = {
      ...orderBody(sandbox, product, { Quantity: 3 }),
      Recipients: [{ Email: 'a@x.dk' }, { Email: 'b@x.dk' }],
    };
    expect((await order(two)).body.StatusMessage).toContain('Recipients must hold 1 recipient');
    const noEmail = { ...orderBody(sandbox, product), Recipients: [{ Name: 'No Mail', Phone: '+4511111111' }] };
    expect((await order(noEmail)).body.StatusMessage).toBe('Delivery Method set to Email but no email supplied');
    const sms = {
      ...orderBody(sandbox, product),
      DeliveryTemplateId: templateId(sandbox, 'SMS'),
      Recipients: [{ Email: 'x@y.z' }],
    };
    expect((await order(sms)).body.StatusMessage).toBe('Delivery Method set to SMS but no phone supplied');
    const none = { ...orderBody(sandbox, product), Recipients: null };
    expect((await order(none)).status).toBe(400);
    const noDelivery = { ...orderBody(sandbox, product), DeliveryTemplateId: null, Recipients: null };
    expect((await order(noDelivery)).status).toBe(200);
  });

  it('refuses unknown fields, malformed JSON and a missing body with 400', async () => {
    const product = productIn(sandbox, 'DKK');
    const extra = { ...orderBody(sandbox, product), Foo: 1 };
    expect((await order(extra)).body.StatusMessage).toContain('Unrecognized key');
    const nested = orderBody(sandbox, product);
    (nested.Product as Record<string, unknown>).Colour = 'red';
    expect((await order(nested)).status).toBe(400);
    const malformed = await callJson(sandbox, '/v4/Order', { rawBody: '{"Sync": tru' });
    expect(malformed).toEqual({
      status: 400,
      body: { Status: 400, StatusMessage: TEXTS.malformedJson, Message: TEXTS.malformedJson },
    });
    expect((await callJson(sandbox, '/v4/Order', {})).status).toBe(400);
  });

  it('refuses an expiry after the default one', async () => {
    const body = orderBody(sandbox, productIn(sandbox, 'DKK'));
    (body.Product as Record<string, unknown>).Expires = '2999-01-01T00:00:00Z';
    expect((await order(body)).body.StatusMessage).toContain('cannot exceed the default expiration');
  });

  it('answers 404 for an unknown product and 422 for an inactive one', async () => {
    const product = productIn(sandbox, 'DKK');
    const unknown = orderBody(sandbox, product);
    (unknown.Product as Record<string, unknown>).Token = 'no-such-product';
    expect((await order(unknown)).body).toMatchObject({ Status: 404, StatusMessage: TEXTS.productNotFound });
    const live = sandbox.state.product(product.token);
    if (live === undefined) throw new Error('product vanished');
    live.active = false;
    try {
      expect((await order(orderBody(sandbox, product))).body).toMatchObject({
        Status: 422,
        StatusMessage: TEXTS.productInactive,
      });
    } finally {
      live.active = true;
    }
  });

  it('answers 422 "You have nothing left on your account" and changes nothing', async () => {
    const product = productIn(sandbox, 'DKK');
    sandbox.state.setBalance('DKK', 1);
    const stockBefore = sandbox.state.stock(product.token, product.value);
    const { status, body } = await order(orderBody(sandbox, product));
    expect(status).toBe(422);
    expect(body.StatusMessage).toBe(TEXTS.insufficientFunds);
    expect(sandbox.state.balance('DKK')).toBe(1);
    expect(sandbox.state.stock(product.token, product.value)).toBe(stockBefore);
    sandbox.state.setBalance('DKK', 10_000_000);
  });

  it('answers 422 "No Giftcard left" when stock is short and charges nothing', async () => {
    const product = productIn(sandbox, 'DKK');
    sandbox.state.setStock(product.token, product.value, 2);
    const before = sandbox.state.balance('DKK');
    const { status, body } = await order(orderBody(sandbox, product, { Quantity: 3 }));
    expect(status).toBe(422);
    expect(body.StatusMessage).toBe(TEXTS.outOfStock);
    expect(sandbox.state.balance('DKK')).toBe(before);
  });

  it('never overspends under concurrency: 20 parallel orders against a balance for 10', async () => {
    const product = productIn(sandbox, 'DKK');
    const cost = orderCost(product.value, 1, product.discount);
    sandbox.state.setBalance('DKK', cost * 10 + cost - 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => order(orderBody(sandbox, product, { RefID: `parallel-${i}` }))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 422)).toHaveLength(10);
    expect(sandbox.state.balance('DKK')).toBe(cost - 1);
    sandbox.state.setBalance('DKK', 10_000_000);
  });

  it('never oversells stock under concurrency', async () => {
    const product = productIn(sandbox, 'DKK');
    sandbox.state.setStock(product.token, product.value, 5);
    const results = await Promise.all(Array.from({ length: 12 }, () => order(orderBody(sandbox, product))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(sandbox.state.stock(product.token, product.value)).toBe(0);
  });
});
