import type { ServerResponse } from 'node:http';
import { json, type RecordedRequest, startTestServer, type TestServer } from './http-server.js';

/** What the next order request meets. Consumed one per `POST /v4/Order`; `ok` once the list is empty. */
export type OrderFault =
  | 'ok'
  | 'hang-after-store'
  | 'drop-after-store'
  | 'error-after-store'
  | 'error-before-store'
  | 'malformed-after-store'
  | 'slow-commit'
  | 'rate-limit'
  | 'unprocessable';

export type ReadFault = 'ok' | 'error' | 'rate-limit' | 'drop' | 'html';

export interface FakeOrder {
  OrderUID: string;
  RefID: string | null;
  Vouchers: { ID: number; Code: string; CVV: string; RedeemLink: string; Expires: string }[];
}

export interface FakeHuuray extends TestServer {
  readonly orders: FakeOrder[];
  readonly count: (path: string) => number;
}

export interface FakeOptions {
  orderFaults?: OrderFault[];
  /** Faults for reads (Search, Balance, ...), consumed one per read request. */
  readFaults?: ReadFault[];
  /** How long a `slow-commit` order takes to land. */
  commitDelayMs?: number;
  retryAfterSeconds?: number;
  /** Answer a search with the latest order whatever RefID was asked for, as a search that ignores its filter. */
  searchIgnoresRefId?: boolean;
}

/**
 * A small stateful stand-in for the order path of Huuray on node:http, with scripted faults. Order
 * stores vouchers, Search finds them by RefID/OrderUID and shows codes only for a VoucherID.
 */
export async function startFakeHuuray(options: FakeOptions = {}): Promise<FakeHuuray> {
  const orders: FakeOrder[] = [];
  const orderFaults = [...(options.orderFaults ?? [])];
  const readFaults = [...(options.readFaults ?? [])];
  let voucherId = 1000;

  const store = (body: Record<string, unknown>): FakeOrder => {
    const product = body.Product as { Quantity: number };
    const order: FakeOrder = {
      OrderUID: `ord-${orders.length + 1}`,
      RefID: (body.RefID as string | undefined) ?? null,
      Vouchers: Array.from({ length: product.Quantity }, () => {
        const id = ++voucherId;
        return {
          ID: id,
          Code: `CODE-${id}`,
          CVV: '123',
          RedeemLink: `https://r.example/${id}`,
          Expires: '2027-12-31T23:59:59Z',
        };
      }),
    };
    orders.push(order);
    return order;
  };
  const orderAnswer = (o: FakeOrder) => ({ OrderUID: o.OrderUID, RefID: o.RefID, Vouchers: o.Vouchers, Status: 200 });

  const handleOrder = (request: RecordedRequest, res: ServerResponse) => {
    const body = JSON.parse(request.body) as Record<string, unknown>;
    const fault = orderFaults.shift() ?? 'ok';
    switch (fault) {
      case 'ok':
        return json(res, 200, orderAnswer(store(body)));
      case 'hang-after-store':
        store(body);
        return; // never answers; the client times out
      case 'slow-commit':
        setTimeout(() => store(body), options.commitDelayMs ?? 100);
        return;
      case 'drop-after-store':
        store(body);
        res.socket?.destroy();
        return;
      case 'error-after-store':
        store(body);
        return json(res, 500, { Status: 500, StatusMessage: 'Internal error' });
      case 'error-before-store':
        return json(res, 500, { Status: 500, StatusMessage: 'Internal error' });
      case 'malformed-after-store': {
        const text = JSON.stringify(orderAnswer(store(body)));
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(text.slice(0, Math.floor(text.length / 2)));
      }
      case 'rate-limit':
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(options.retryAfterSeconds ?? 1),
        });
        return res.end(JSON.stringify({ Status: 429, StatusMessage: 'Too many requests' }));
      case 'unprocessable':
        return json(res, 422, { Status: 422, StatusMessage: 'You have nothing left on your account' });
    }
  };

  const handleSearch = (request: RecordedRequest, res: ServerResponse) => {
    const q = JSON.parse(request.body) as { RefID?: string; OrderUID?: string; VoucherID?: number };
    const order = orders
      .filter(
        (o) =>
          (q.RefID === undefined || options.searchIgnoresRefId === true || o.RefID === q.RefID) &&
          (q.OrderUID === undefined || o.OrderUID === q.OrderUID),
      )
      .at(-1);
    const vouchers = (order?.Vouchers ?? [])
      .filter((v) => q.VoucherID === undefined || v.ID === q.VoucherID)
      .map((v) => (q.VoucherID === undefined ? { ...v, Code: '', CVV: '', RedeemLink: '' } : v));
    if (order === undefined || vouchers.length === 0)
      return json(res, 404, { Status: 404, StatusMessage: 'No giftcards found' });
    return json(res, 200, { OrderUID: order.OrderUID, RefID: order.RefID, Vouchers: vouchers, Status: 200 });
  };

  const server = await startTestServer((request, res) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/v4/Order') return handleOrder(request, res);
    const fault = readFaults.shift() ?? 'ok';
    if (fault === 'error') return json(res, 503, { Status: 503, StatusMessage: 'Unavailable' });
    if (fault === 'drop') return void res.socket?.destroy();
    if (fault === 'html') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    if (fault === 'rate-limit') {
      res.writeHead(429, { 'retry-after': String(options.retryAfterSeconds ?? 1), 'content-type': 'application/json' });
      return void res.end('{"Status":429,"StatusMessage":"slow down"}');
    }
    if (path === '/v4/Search') return handleSearch(request, res);
    if (path === '/v4/Balance')
      return json(res, 200, { Balances: [{ Currency: 'DKK', Balance: 100_000, Master: true }], Status: 200 });
    return json(res, 404, { Status: 404, StatusMessage: `no route ${path}` });
  });
  return {
    ...server,
    orders,
    count: (path) => server.requests.filter((r) => r.url.startsWith(path)).length,
  };
}
