/**
 * Run under Deno by deno.test.ts: one `send` against the sandbox whose URL and credentials come from
 * the environment, printing the outcome as one JSON line. Deno's fetch re-sends a POST whose pooled
 * connection dropped, with the same signed headers; the sandbox then refuses the reused nonce (401).
 */
import { Huuray } from '../../src/index.ts';

const env = (name: string): string => {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const huuray = new Huuray({
  token: env('SANDBOX_TOKEN'),
  secret: env('SANDBOX_SECRET'),
  baseUrl: env('SANDBOX_URL'),
  orderTimeoutMs: 5_000,
  retry: { baseDelayMs: 5, maxDelayMs: 20 },
  reconcile: { settleDelayMs: 50, checks: 3, maxOrderAttempts: 2 },
});

try {
  // Warm the connection pool first, so the order goes over a reused connection, as in production.
  await huuray.balances();
  const sent = await huuray.send(JSON.parse(env('GIFT')));
  console.log(JSON.stringify({ source: sent.source, orderRequests: sent.orderRequests, refId: sent.refId }));
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof Error ? error.name : String(error) }));
}
