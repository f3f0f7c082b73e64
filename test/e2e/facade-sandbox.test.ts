import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fitsDenomination,
  Huuray,
  HuurayAuthenticationError,
  HuurayUnprocessableError,
  type Product,
} from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let huuray: Huuray;
let product: Product & { productToken: string; currency: string };
let valueMinor: number;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 42, asyncDelayMs: 100 });
  huuray = new Huuray({
    token: sandbox.token,
    secret: sandbox.secret,
    baseUrl: sandbox.url,
    orderTimeoutMs: 400,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    // The settle window (6 searches 100 ms apart) outlasts the 600 ms slow commit below by far, even on a busy machine.
    reconcile: { settleDelayMs: 100, checks: 6 },
  });
  const catalogue = await huuray.catalogue();
  const dkk = catalogue.find((p) => p.currency === 'DKK' && p.active && p.denominations.length > 0 && p.productToken);
  if (!dkk) throw new Error('the seeded catalogue has no active DKK product');
  product = dkk as typeof product;
  valueMinor = Math.round((dkk.denominations[0] ?? 0) * 100);
});
afterAll(() => sandbox.close());

const template = () => sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id ?? 0;
const dkk = async () => (await huuray.balances()).find((b) => b.currency === 'DKK')?.amountMinor ?? Number.NaN;

describe('the facade end to end against the stateful sandbox', () => {
  it('reads the catalogue in major units that fit the order value in minor units', () => {
    expect(fitsDenomination(product, valueMinor)).toBe(true);
    expect(sandbox.state.product(product.productToken)?.denominations).toContain(valueMinor);
  });

  it('lowers the balance by face value less discount, and cancel gives it back', async () => {
    const before = await dkk();
    const order = await huuray.orders.create({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      quantity: 3,
      sync: true,
      refId: 'e2e-balance-1',
    });
    const expected = Math.round(valueMinor * 3 * (1 - (product.discountPercent ?? 0) / 100));
    expect(before - (await dkk())).toBe(expected);
    expect(order.vouchers).toHaveLength(3);

    const found = await huuray.orders.find({ refId: 'e2e-balance-1' });
    expect(found?.orderUid).toBe(order.orderUid);

    const cancelled = await huuray.orders.cancel({ orderUid: order.orderUid });
    expect(cancelled).toMatchObject({ orderCancelled: true, partial: false });
    expect(await dkk()).toBe(before);
  });

  it('reports a 206 partial cancel when a voucher was already redeemed', async () => {
    const order = await huuray.orders.create({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      quantity: 2,
      sync: true,
    });
    const [first] = order.vouchers;
    sandbox.state.markRedeemed(first?.id ?? -1);
    const result = await huuray.orders.cancel({ orderUid: order.orderUid });
    expect(result.partial).toBe(true);
    expect(result.vouchers.find((v) => v.id === first?.id)?.cancelled).toBe(false);
    expect(result.vouchers.filter((v) => v.cancelled)).toHaveLength(1);
  });

  it('refuses a replayed nonce with HuurayAuthenticationError', async () => {
    const replaying = new Huuray({
      token: sandbox.token,
      secret: sandbox.secret,
      baseUrl: sandbox.url,
      nonce: () => 'same-nonce-every-time',
    });
    await replaying.balances();
    await expect(replaying.balances()).rejects.toBeInstanceOf(HuurayAuthenticationError);
  });

  it('finds an async order after its delay and reveals its codes', async () => {
    const order = await huuray.orders.create({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      quantity: 4,
      sync: false,
      refId: 'e2e-async-1',
    });
    await sandbox.state.settled();
    const codes = await huuray.revealCodes(order.orderUid);
    expect(codes).toHaveLength(4);
    const stored = sandbox.state.order(order.orderUid);
    expect(codes.map((v) => v.code)).toEqual(stored?.voucherIds.map((id) => sandbox.state.voucher(id)?.code));
  });

  it('sends exactly once through a dropped connection and a slow commit', async () => {
    sandbox.state.faults.next('Order', 'drop-after-store');
    const dropped = await huuray.send({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      templateId: template(),
      recipient: { name: 'Grace Hopper', email: 'grace@example.com' },
      refId: 'e2e-send-drop',
    });
    expect(dropped.source).toBe('reconciled');

    sandbox.state.faults.next('Order', { kind: 'slow-commit', ms: 600 });
    const slow = await huuray.send({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      templateId: template(),
      recipient: { name: 'Alan Turing', email: 'alan@example.com' },
      refId: 'e2e-send-slow',
    });
    expect(slow.source).toBe('reconciled');
    await sandbox.state.settled();
    for (const refId of ['e2e-send-drop', 'e2e-send-slow']) {
      expect(sandbox.state.orders().filter((o) => o.refId === refId)).toHaveLength(1);
    }
  });

  it('issues 60 codes as three orders and refuses what the balance cannot pay', async () => {
    const issued = await huuray.issue({
      productToken: product.productToken,
      valueMinor,
      currency: 'DKK',
      quantity: 60,
      refId: 'e2e-issue',
    });
    expect(issued.complete).toBe(true);
    expect(new Set(issued.vouchers.map((v) => v.id)).size).toBe(60);
    expect(sandbox.state.orders().filter((o) => o.refId?.startsWith('e2e-issue.'))).toHaveLength(3);

    sandbox.state.setBalance('DKK', 1);
    const error = await huuray.orders
      .create({ productToken: product.productToken, valueMinor, currency: 'DKK', quantity: 1, sync: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayUnprocessableError);
    expect((error as HuurayUnprocessableError).statusMessage).toBe('You have nothing left on your account');
  });
});
