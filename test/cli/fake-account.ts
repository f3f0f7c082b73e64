import { type FakeHuuray, type FakeOptions, startFakeHuuray } from '../helpers/fake-huuray.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

export interface FakeAccountOptions extends FakeOptions {
  /** Minor units of DKK on the account. */
  readonly balanceMinor?: number;
  /** Delay of every answer, so a campaign has requests in flight when it is killed. */
  readonly delayMs?: number;
}

export interface FakeAccount extends TestServer {
  /** The stateful order/search server behind this one. */
  readonly orders: FakeHuuray;
  /** Requests the front received whose URL starts with `path`. */
  readonly count: (path: string) => number;
}

export const PRODUCT = 'prod_abc';

/**
 * The shared stateful fake (Order, Search) behind a front that adds what the CLI reads before moving
 * money: Balance, Catalogue (one product, 5% discount), Template, and Resend/Cancel answers. Composed
 * rather than copied so the order semantics stay the ones the facade's fault tests use.
 */
export async function startFakeAccount(options: FakeAccountOptions = {}): Promise<FakeAccount> {
  const orders = await startFakeHuuray(options);
  const front = await startTestServer(async (request, res) => {
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const path = request.url.split('?')[0] ?? '';
    switch (path) {
      case '/v4/Balance':
        return json(res, 200, {
          Balances: [{ Currency: 'DKK', Balance: options.balanceMinor ?? 10_000_000, Master: true }],
          Status: 200,
        });
      case '/v4/Catalogue':
        return json(res, 200, {
          Products: [
            {
              ProductToken: PRODUCT,
              BrandName: 'Gavekort',
              CountryCode: 'DK',
              Currency: 'DKK',
              Discount: 5,
              Denominations: '50,100,10-500',
              Categories: 'Shopping',
              Active: true,
            },
          ],
          Status: 200,
        });
      case '/v4/Template':
        return json(res, 200, { Templates: [{ Id: 12, Name: 'Thanks', Type: 'Email', Language: 'da' }], Status: 200 });
      case '/v4/Resend':
        return json(res, 200, { NumberOfResends: 1, Status: 200 });
      case '/v4/Cancel': {
        const body = JSON.parse(request.body) as { OrderUID: string };
        const order = orders.orders.find((o) => o.OrderUID === body.OrderUID);
        return json(res, 200, {
          OrderUID: body.OrderUID,
          OrderCancelled: true,
          Vouchers: (order?.Vouchers ?? []).map((v) => ({ ID: v.ID, Cancelled: true })),
          Status: 200,
        });
      }
    }
    const answer = await fetch(`${orders.url}${request.url}`, {
      method: request.method,
      headers: { 'content-type': 'application/json' },
      body: request.method === 'GET' ? null : request.body,
    }).catch(() => null);
    if (answer === null) return void res.socket?.destroy();
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  return {
    ...front,
    orders,
    count: (path) => front.requests.filter((r) => r.url.startsWith(path)).length,
    close: async () => {
      await front.close();
      await orders.close();
    },
  };
}
