/**
 * Cost per call: `balances()` (signed, validated, mapped) and the bare signed client against raw
 * `fetch` doing the same signing work (fresh nonce, SHA-512, three headers) and JSON parsing, and
 * against raw `fetch` with no signing at all, the floor of the network path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createHuurayClient, Huuray } from '../src/index.js';
import { compare, type Table } from './harness.js';
import { startFixedServer } from './local-server.js';

const BALANCE = JSON.stringify({
  Status: 200,
  StatusMessage: 'OK',
  Balances: [
    { Currency: 'DKK', Balance: 1_234_500, Master: true },
    { Currency: 'EUR', Balance: 50_000, Master: false },
    { Currency: 'USD', Balance: 0, Master: false },
  ],
});

export async function callCost(rounds: number): Promise<Table> {
  const server = await startFixedServer(BALANCE);
  const token = 'bench-token';
  const secret = 'bench-secret-0123456789abcdef';
  const url = `${server.url}/v4/Balance`;
  const huuray = new Huuray({ token, secret, baseUrl: server.url });
  const client = createHuurayClient({ token, secret, baseUrl: server.url });
  try {
    return await compare(
      'Cost per call: GET /v4/Balance on loopback',
      [
        {
          name: 'fetch + 3 headers',
          run: async () => {
            const nonce = randomBytes(24).toString('base64url');
            const hash = createHash('sha512')
              .update(secret + nonce, 'utf8')
              .digest('hex');
            const response = await fetch(url, {
              headers: { 'X-API-TOKEN': token, 'X-API-NONCE': nonce, 'X-API-HASH': hash },
            });
            return response.json();
          },
        },
        { name: 'fetch, unsigned', run: async () => (await fetch(url)).json() },
        { name: 'createHuurayClient GET', run: () => client.GET('/v4/Balance') },
        { name: 'balances()', run: () => huuray.balances() },
      ],
      {
        rounds,
        warmup: Math.ceil(rounds / 10),
        goals: [{ variant: 'balances()', atMost: 1.1 }],
      },
    );
  } finally {
    await server.close();
  }
}
