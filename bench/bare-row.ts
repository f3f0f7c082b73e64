/**
 * The floor of a campaign row: the two requests `send` makes for it (a search by RefID, answered 404,
 * then a sync order), each signed with a fresh nonce and SHA-512 and sent with bare node:http through
 * the same global agent, the answer read and `JSON.parse`d. No ledger, no journal, no validation or
 * mapping: what HTTP alone costs the client per row, against which the campaign's own work shows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mapBounded } from '../src/workflows/pool.js';

export interface BareRowTarget {
  readonly url: string;
  readonly token: string;
  readonly secret: string;
}

/** What each row orders: the same product, value, currency and template as the campaign's rows. */
export interface BareRowOrder {
  readonly productToken: string;
  readonly valueMinor: number;
  readonly currency: string;
  readonly templateId: number;
}

function post(target: BareRowTarget, path: string, body: unknown): Promise<{ status: number; answer: unknown }> {
  const nonce = randomBytes(24).toString('base64url');
  const hash = createHash('sha512')
    .update(target.secret + nonce, 'utf8')
    .digest('hex');
  const text = JSON.stringify(body);
  const url = new URL(path, target.url);
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          'X-API-TOKEN': target.token,
          'X-API-NONCE': nonce,
          'X-API-HASH': hash,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(text);
  });
}

/** Runs `row(i)` for i in 0..rows-1, `concurrency` at a time (the facade's own pool); throws the first failure. */
export async function eachRow(rows: number, concurrency: number, row: (i: number) => Promise<void>): Promise<void> {
  const settled = await mapBounded(
    Array.from({ length: rows }, (_, i) => i),
    concurrency,
    row,
    true,
  );
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

/** Sends `rows` rows, `concurrency` at a time, RefIDs `${name}-r${i}`; throws unless every row is ordered. */
export function bareRows(
  target: BareRowTarget,
  order: BareRowOrder,
  name: string,
  rows: number,
  concurrency: number,
): Promise<void> {
  return eachRow(rows, concurrency, async (i) => {
    const refId = `${name}-r${i}`;
    const search = await post(target, '/v4/Search', { RefID: refId });
    if (search.status !== 404) throw new Error(`bare row ${refId}: search answered ${search.status}`);
    const placed = await post(target, '/v4/Order', {
      Product: { Token: order.productToken, Value: order.valueMinor, Currency: order.currency, Quantity: 1 },
      Sync: true,
      RefID: refId,
      DeliveryTemplateId: order.templateId,
      Recipients: [{ Name: `Person ${i}`, Email: `person${i}@example.com` }],
    });
    if (placed.status !== 200) throw new Error(`bare row ${refId}: order answered ${placed.status}`);
  });
}
