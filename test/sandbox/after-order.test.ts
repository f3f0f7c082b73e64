import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, TEXTS } from '../../src/sandbox/index.js';
import { orderBody, productIn, templateId } from './fixtures.js';
import { callJson } from './signed.js';

type Voucher = { ID: number; Code: string; CVV: string; RedeemLink: string };

describe('sandbox Search, Cancel and Resend', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 31 });
  });
  afterAll(() => sandbox.close());

  const placeOrder = async (refId: string, quantity = 3) => {
    const body = orderBody(sandbox, productIn(sandbox, 'DKK'), { Quantity: quantity, RefID: refId });
    body.Recipients = Array.from({ length: quantity }, (_, i) => ({
      Name: `Person ${refId} ${i}`,
      Email: `p${i}.${refId}@example.com`,
      Phone: `+45200000${i}`,
      RefID: `${refId}-r${i}`,
    }));
    const { status, body: answer } = await callJson(sandbox, '/v4/Order', { body });
    expect(status).toBe(200);
    return { uid: answer.OrderUID as string, vouchers: answer.Vouchers as Voucher[] };
  };
  const search = (body: unknown) => callJson(sandbox, '/v4/Search', { body });

  it('finds an order by RefID, OrderUID, ProductToken and template, with codes blanked', async () => {
    const { uid, vouchers } = await placeOrder('search-a');
    const order = sandbox.state.order(uid);
    for (const criteria of [
      { RefID: 'search-a' },
      { OrderUID: uid },
      { OrderUID: uid, ProductToken: order?.productToken },
      { RefID: 'search-a', EmailTemplateID: templateId(sandbox, 'Email') },
    ]) {
      const { status, body } = await search(criteria);
      expect(status, JSON.stringify(criteria)).toBe(200);
      expect(body.OrderUID).toBe(uid);
      const found = body.Vouchers as Voucher[];
      expect(found.map((v) => v.ID)).toEqual(vouchers.map((v) => v.ID));
      expect(found.every((v) => v.Code === '' && v.CVV === '' && v.RedeemLink === '')).toBe(true);
    }
    expect((await search({ RefID: 'search-a', SMSTemplateID: templateId(sandbox, 'SMS') })).status).toBe(404);
  });

  it('shows the code only when VoucherID is given', async () => {
    const { vouchers } = await placeOrder('search-b');
    const first = vouchers[0] as Voucher;
    const { body } = await search({ VoucherID: first.ID });
    expect(body.Vouchers).toEqual([expect.objectContaining({ ID: first.ID, Code: first.Code, CVV: first.CVV })]);
  });

  it('finds vouchers by each recipient field', async () => {
    const { uid, vouchers } = await placeOrder('search-c');
    const second = (vouchers[1] as Voucher).ID;
    for (const criteria of [
      { RecipientName: 'Person search-c 1' },
      { RecipientEmail: 'P1.SEARCH-C@example.com' },
      { RecipientPhone: '+452000001' },
      { RecipientRefID: 'search-c-r1' },
    ]) {
      const { body } = await search(criteria);
      expect(body.OrderUID).toBe(uid);
      expect((body.Vouchers as Voucher[]).map((v) => v.ID)).toEqual([second]);
    }
  });

  it('answers the most recent order when several share a RefID', async () => {
    await placeOrder('twice', 1);
    const latest = await placeOrder('twice', 1);
    expect((await search({ RefID: 'twice' })).body.OrderUID).toBe(latest.uid);
  });

  it("answers a RefID with the caller's own latest visible order, whatever else shares it", async () => {
    const two = await startSandbox({ seed: 32, accounts: [{}, {}] });
    try {
      const [a, b] = two.state.accounts.map((account) => ({ url: two.url, ...account }));
      if (a === undefined || b === undefined) throw new Error('two accounts expected');
      const place = async (who: typeof a) => {
        const body = orderBody(two, productIn(two, 'DKK'), { RefID: 'shared' });
        body.DeliveryTemplateId = null;
        const { status, body: answer } = await callJson(who, '/v4/Order', { body });
        expect(status).toBe(200);
        return answer.OrderUID as string;
      };
      const first = await place(a);
      const ofB = await place(b);
      const hidden = await place(a);
      const hiddenOrder = two.state.order(hidden);
      if (hiddenOrder === undefined) throw new Error('order not stored');
      hiddenOrder.visibleFrom = Date.now() + 60_000;
      expect((await callJson(a, '/v4/Search', { body: { RefID: 'shared' } })).body.OrderUID).toBe(first);
      expect((await callJson(b, '/v4/Search', { body: { RefID: 'shared' } })).body.OrderUID).toBe(ofB);
      hiddenOrder.visibleFrom = 0;
      expect((await callJson(a, '/v4/Search', { body: { RefID: 'shared' } })).body.OrderUID).toBe(hidden);
      expect((await callJson(b, '/v4/Search', { body: { RefID: 'shared', OrderUID: first } })).status).toBe(404);
      expect(two.state.ordersWithRefId('shared').map((o) => o.orderUID)).toEqual([first, ofB, hidden]);
    } finally {
      await two.close();
    }
  });

  it('answers 404 when nothing matches and 400 without any field', async () => {
    expect((await search({ RefID: 'never-ordered' })).body).toMatchObject({
      Status: 404,
      StatusMessage: TEXTS.nothingFound,
    });
    expect((await search({})).status).toBe(400);
    expect((await search({ RefID: 'x', Unknown: 1 })).status).toBe(400);
  });

  it('blanks codes in the Order answer and in Search when the account has ReturnCode off', async () => {
    sandbox.state.account().returnCode = false;
    try {
      const { vouchers } = await placeOrder('no-codes', 1);
      expect(vouchers[0]).toMatchObject({ Code: '', CVV: '', RedeemLink: '' });
      const { body } = await search({ VoucherID: (vouchers[0] as Voucher).ID });
      expect(body.Vouchers).toEqual([expect.objectContaining({ Code: '', CVV: '', RedeemLink: '' })]);
    } finally {
      sandbox.state.account().returnCode = true;
    }
  });

  it('cancels a whole order and refunds exactly what was charged', async () => {
    const before = sandbox.state.balance('DKK') ?? 0;
    const { uid } = await placeOrder('cancel-all');
    const charged = sandbox.state.order(uid)?.charge.amount ?? 0;
    expect(sandbox.state.balance('DKK')).toBe(before - charged);
    const { status, body } = await callJson(sandbox, '/v4/Cancel', { method: 'DELETE', body: { OrderUID: uid } });
    expect(status).toBe(200);
    expect(body.OrderCancelled).toBe(true);
    expect((body.Vouchers as { Cancelled: boolean }[]).every((v) => v.Cancelled)).toBe(true);
    expect(sandbox.state.balance('DKK')).toBe(before);
  });

  it('answers 206 when some vouchers are redeemed, refunding only the cancelled ones', async () => {
    const { uid, vouchers } = await placeOrder('cancel-part');
    const [first, second, third] = vouchers as [Voucher, Voucher, Voucher];
    sandbox.state.markRedeemed(first.ID);
    const before = sandbox.state.balance('DKK') ?? 0;
    const { status, body } = await callJson(sandbox, '/v4/Cancel', { method: 'DELETE', body: { OrderUID: uid } });
    expect(status).toBe(206);
    expect(body).toMatchObject({
      OrderCancelled: false,
      Vouchers: [
        { ID: first.ID, Cancelled: false },
        { ID: second.ID, Cancelled: true },
        { ID: third.ID, Cancelled: true },
      ],
    });
    const refunded =
      (sandbox.state.voucher(second.ID)?.charge.amount ?? 0) + (sandbox.state.voucher(third.ID)?.charge.amount ?? 0);
    expect(sandbox.state.balance('DKK')).toBe(before + refunded);
    const again = await callJson(sandbox, '/v4/Cancel', {
      method: 'DELETE',
      body: { OrderUID: uid, VoucherID: second.ID },
    });
    expect(again.body).toMatchObject({ Status: 422, StatusMessage: TEXTS.nothingCancelled });
  });

  it('cancels one voucher and answers 404 for an unknown order or a voucher of another order', async () => {
    const { uid, vouchers } = await placeOrder('cancel-one', 2);
    const one = (vouchers[0] as Voucher).ID;
    const { status, body } = await callJson(sandbox, '/v4/Cancel', {
      method: 'DELETE',
      body: { OrderUID: uid, VoucherID: one },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ OrderCancelled: false, Vouchers: [{ ID: one, Cancelled: true }] });
    const unknown = await callJson(sandbox, '/v4/Cancel', { method: 'DELETE', body: { OrderUID: 'nope' } });
    expect(unknown.body).toMatchObject({ Status: 404, StatusMessage: TEXTS.orderNotFound });
    const foreign = await callJson(sandbox, '/v4/Cancel', { method: 'DELETE', body: { OrderUID: uid, VoucherID: 1 } });
    expect(foreign.body).toMatchObject({ Status: 404, StatusMessage: TEXTS.voucherNotInOrder });
  });

  it('resends an order (200), partly after a redemption (206), never a redeemed voucher (422)', async () => {
    const { uid, vouchers } = await placeOrder('resend', 2);
    const [first, second] = vouchers as [Voucher, Voucher];
    const all = await callJson(sandbox, '/v4/Resend', { body: { OrderUID: uid } });
    expect(all).toMatchObject({ status: 200, body: { NumberOfResends: 2 } });
    sandbox.state.markRedeemed(first.ID);
    expect(await callJson(sandbox, '/v4/Resend', { body: { OrderUID: uid } })).toMatchObject({
      status: 206,
      body: { NumberOfResends: 1 },
    });
    expect((await callJson(sandbox, '/v4/Resend', { body: { OrderUID: uid, VoucherID: first.ID } })).status).toBe(422);
    expect(sandbox.state.voucher(second.ID)?.resends).toBe(2);
    expect((await callJson(sandbox, '/v4/Resend', { body: { OrderUID: 'nope' } })).status).toBe(404);
  });
});
