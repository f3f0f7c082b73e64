/**
 * Every sandbox answer conforms to the vendored spec: Prism in proxy mode with --errors sits in
 * front of the sandbox and validates requests and responses; a violation shows as `sl-violations`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { type RunningPrism, startPrism } from '../../scripts/prism.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { orderBody, productIn, templateId } from './fixtures.js';
import { type Credentials, call, sha512Hex } from './signed.js';

describe('sandbox conformance through Prism proxy --errors', () => {
  let sandbox: Sandbox;
  let prism: RunningPrism;
  let via: Credentials;
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 61, catalogueSize: 40, asyncDelayMs: 20 });
    prism = await startPrism({ mode: 'proxy', upstream: sandbox.url, errors: true });
    via = { url: prism.url, token: sandbox.token, secret: sandbox.secret };
  });
  afterAll(async () => {
    await prism?.close();
    await sandbox?.close();
  });

  const operationOf = (path: string) => operations.find((o) => path.startsWith(o.path))?.name ?? path;

  const expectConforming = async (
    path: string,
    expected: number,
    options: Parameters<typeof call>[2] = {},
  ): Promise<Record<string, unknown>> => {
    const response = await call(via, path, options);
    const text = await response.text();
    expect(response.headers.get('sl-violations'), `${path}: ${text}\n${prism.output()}`).toBeNull();
    expect(response.status, `${path}: ${text}`).toBe(expected);
    const operation = operationOf(path);
    seen.set(operation, (seen.get(operation) ?? new Set()).add(expected));
    return JSON.parse(text) as Record<string, unknown>;
  };

  it('Balance, Catalogue, ExchangeRates, Stock and Template conform', async () => {
    await expectConforming('/v4/Balance', 200, { method: 'GET' });
    await expectConforming('/v4/Catalogue', 200, { body: { All: false } });
    await expectConforming('/v4/Catalogue', 200, { body: { All: true } });
    await expectConforming('/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=DKK', 200, { method: 'GET' });
    await expectConforming('/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=XYZ', 404, { method: 'GET' });
    await expectConforming('/v4/ExchangeRates?FromCurrency=EUR', 400, { method: 'GET' });
    const product = productIn(sandbox, 'DKK');
    await expectConforming('/v4/Stock', 200, { body: { ProductToken: product.token, Value: product.value } });
    await expectConforming('/v4/Stock', 404, { body: { ProductToken: 'missing' } });
    await expectConforming('/v4/Stock', 422, { body: { ProductToken: product.token, Value: 1 } });
    await expectConforming('/v4/Template', 200);
  });

  it('Order success and failures conform', async () => {
    const product = productIn(sandbox, 'DKK');
    const sync = await expectConforming('/v4/Order', 200, { body: orderBody(sandbox, product, { Quantity: 2 }) });
    expect(sync.Vouchers).toHaveLength(2);
    await expectConforming('/v4/Order', 202, { body: orderBody(sandbox, product, { Sync: false, RefID: 'async' }) });
    await expectConforming('/v4/Order', 400, { body: orderBody(sandbox, product, { Quantity: 26 }) });
    await expectConforming('/v4/Order', 400, {
      body: {
        ...orderBody(sandbox, product),
        DeliveryTemplateId: templateId(sandbox, 'SMS'),
        Recipients: [{ Email: 'a@b.c' }],
      },
    });
    const unknown = orderBody(sandbox, product);
    (unknown.Product as Record<string, unknown>).Token = 'missing';
    await expectConforming('/v4/Order', 404, { body: unknown });
    sandbox.state.setBalance('DKK', 0);
    await expectConforming('/v4/Order', 422, { body: orderBody(sandbox, product) });
    sandbox.state.setBalance('DKK', 10_000_000);
    sandbox.state.setStock(product.token, product.value, 0);
    await expectConforming('/v4/Order', 422, { body: orderBody(sandbox, product) });
    sandbox.state.setStock(product.token, product.value, 100);
  });

  it('Search, Cancel and Resend success, partial and failures conform', async () => {
    const product = productIn(sandbox, 'DKK');
    const placed = await expectConforming('/v4/Order', 200, {
      body: orderBody(sandbox, product, { Quantity: 3, RefID: 'conform' }),
    });
    const uid = placed.OrderUID as string;
    const [first, second, third] = (placed.Vouchers as { ID: number }[]).map((v) => v.ID);
    await sandbox.state.settled();
    await expectConforming('/v4/Search', 200, { body: { RefID: 'conform' } });
    await expectConforming('/v4/Search', 200, { body: { VoucherID: first } });
    await expectConforming('/v4/Search', 200, { body: { RefID: 'async' } });
    await expectConforming('/v4/Search', 404, { body: { RefID: 'never' } });
    await expectConforming('/v4/Search', 400, { body: {} });
    await expectConforming('/v4/Resend', 200, { body: { OrderUID: uid } });
    sandbox.state.markRedeemed(first as number);
    await expectConforming('/v4/Resend', 206, { body: { OrderUID: uid } });
    await expectConforming('/v4/Resend', 422, { body: { OrderUID: uid, VoucherID: first } });
    await expectConforming('/v4/Resend', 404, { body: { OrderUID: 'missing' } });
    await expectConforming('/v4/Cancel', 200, { method: 'DELETE', body: { OrderUID: uid, VoucherID: second } });
    await expectConforming('/v4/Cancel', 206, { method: 'DELETE', body: { OrderUID: uid } });
    await expectConforming('/v4/Cancel', 422, { method: 'DELETE', body: { OrderUID: uid, VoucherID: third } });
    await expectConforming('/v4/Cancel', 404, { method: 'DELETE', body: { OrderUID: 'missing' } });
  });

  it('401 answers conform for every operation', async () => {
    const requests: [string, Parameters<typeof call>[2]][] = [
      ['/v4/Balance', { method: 'GET' }],
      ['/v4/Cancel', { method: 'DELETE', body: { OrderUID: 'x' } }],
      ['/v4/Catalogue', { body: { All: true } }],
      ['/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=DKK', { method: 'GET' }],
      ['/v4/Order', { body: orderBody(sandbox, productIn(sandbox, 'DKK')) }],
      ['/v4/Resend', { body: { OrderUID: 'x' } }],
      ['/v4/Search', { body: { RefID: 'x' } }],
      ['/v4/Stock', { body: { ProductToken: 'x' } }],
      ['/v4/Template', {}],
    ];
    for (const [path, options] of requests) {
      await expectConforming(path, 401, { ...options, hash: sha512Hex('wrong') });
    }
  });

  it('500 answers of injected server errors conform', async () => {
    sandbox.state.faults.next('Order', 'error-after-store');
    await expectConforming('/v4/Order', 500, { body: orderBody(sandbox, productIn(sandbox, 'DKK')) });
  });

  it('Prism does flag the injected faults that break the spec (so the check can fail)', async () => {
    sandbox.state.faults.next('Balance', 'rate-limit');
    const limited = await call(via, '/v4/Balance', { method: 'GET' });
    expect(limited.headers.get('sl-violations')).toContain('Unable to match the returned status code');
    sandbox.state.faults.next('Balance', 'html-error');
    const html = await call(via, '/v4/Balance', { method: 'GET' });
    expect(html.headers.get('sl-violations')).toContain('Unable to match the returned status code');
    sandbox.state.faults.next('Balance', 'malformed-body');
    const truncated = await call(via, '/v4/Balance', { method: 'GET' });
    expect(truncated.status).toBe(500);
    expect(await truncated.text()).toContain('invalid json response body');
  });

  it('drove every operation through Prism', () => {
    expect([...seen.keys()].sort()).toEqual(operations.map((o) => o.name).sort());
  });
});
