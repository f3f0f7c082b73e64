import { describe, expect, it } from 'vitest';
import { type HuurayEvent, HuurayIndeterminateOrderError, HuurayResponseValidationError } from '../../src/index.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { json, type RecordedRequest, startTestServer } from '../helpers/http-server.js';
import { closedAfterEach } from '../helpers/per-test.js';

const startServer = closedAfterEach(startTestServer);

/** Vouchers as ASP.NET / .NET serializers write them: null dates, zone-less and /Date()/ forms, long ids. */
const dotnetVouchers = [
  { ID: 3_000_000_000, Code: 'CODE-ONE-111', CVV: '', RedeemLink: '', Expires: null },
  { ID: 2, Code: 'CODE-TWO-222', Expires: '2027-12-31 23:59:59' },
  { ID: 3, Code: 'CODE-THREE-333', Expires: '/Date(1735689599000)/' },
];

/** A server that stores one order and answers Order and Search with .NET forms; `shape` can spoil essentials. */
async function dotnetServer(shape: (answer: Record<string, unknown>) => Record<string, unknown> = (a) => a) {
  let stored: Record<string, unknown> | null = null;
  return startServer((request: RecordedRequest, res) => {
    const body = JSON.parse(request.body || '{}') as { RefID?: string };
    if (request.url.startsWith('/v4/Order')) {
      stored = { OrderUID: 'f3b0c2d4-0000-4000-a000-000000000001', RefID: body.RefID, Vouchers: dotnetVouchers };
      return json(res, 200, shape({ ...stored, Status: '200', StatusMessage: 'OK' }));
    }
    if (request.url.startsWith('/v4/Search')) {
      if (stored === null) return json(res, 404, { Status: 404, StatusMessage: 'No Coupon found' });
      return json(res, 200, shape({ ...stored, Status: 200 }));
    }
    if (request.url.startsWith('/v4/Balance')) {
      return json(res, 200, { Balances: [{ Currency: 'DKK', Balance: 12.5, Master: true }], Status: 200 });
    }
    return json(res, 404, { Status: 404, StatusMessage: 'no route' });
  });
}

const gift = (refId: string) => ({
  productToken: 'prod_abc',
  valueMinor: 5000,
  currency: 'DKK',
  templateId: 12,
  recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
  refId,
});

describe('a paid order is never failed or unknown because of a field the client does not need (issue 8)', () => {
  it('accepts null, zone-less and /Date()/ expiries, ids above int32, and reports them', async () => {
    const server = await dotnetServer();
    const events: HuurayEvent[] = [];
    const huuray = fastHuuray(server.url, { logger: (e) => events.push(e) });
    const sent = await huuray.send(gift('dotnet-1'));
    expect(sent).toMatchObject({ source: 'created', orderRequests: 1 });
    expect(sent.vouchers.map((v) => [v.id, v.expires])).toEqual([
      [3_000_000_000, null],
      [2, '2027-12-31 23:59:59'],
      [3, '/Date(1735689599000)/'],
    ]);
    const reported = events.filter((e) => e.type === 'response-validation').flatMap((e) => e.issues.map((i) => i.path));
    expect(reported).toEqual(
      expect.arrayContaining([
        'Vouchers.0.ID',
        'Vouchers.0.Expires',
        'Vouchers.1.Expires',
        'Vouchers.2.Expires',
        'Status',
      ]),
    );
    // A second send finds it by search, which answers the same forms: no "outcome unknown".
    expect(await huuray.send(gift('dotnet-1'))).toMatchObject({ source: 'existing', orderRequests: 0 });
    const texts = JSON.stringify(events);
    expect(texts).not.toContain('CODE-');
  });

  it('still checks what it needs: an unreadable voucher ID makes the answer ambiguous, never created', async () => {
    const server = await dotnetServer((a) => ({ ...a, Vouchers: [{ ID: 'not-a-number' }] }));
    const huuray = fastHuuray(server.url, { reconcile: { settleDelayMs: 1, checks: 1, maxOrderAttempts: 1 } });
    const error = await huuray.send(gift('dotnet-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(server.requests.filter((r) => r.url.startsWith('/v4/Order'))).toHaveLength(1);
  });

  it('money fields stay strict: a fractional balance is refused', async () => {
    const server = await dotnetServer();
    const error = await fastHuuray(server.url)
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayResponseValidationError);
    expect((error as HuurayResponseValidationError).issues[0]?.path).toBe('Balances.0.Balance');
  });
});
