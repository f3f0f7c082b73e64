/**
 * `npm run bench`: side-by-side ratios, never bare times (machines differ; ratios travel).
 *   1. signing: node:crypto's synchronous SHA-512 against Web Crypto's, per signature;
 *   2. nonce + signature against a plain SHA-512, to show what the signing middleware adds.
 * Rounds alternate between the contenders so drift and warm-up hit both alike.
 */
import { createHash } from 'node:crypto';
import { randomNonce } from '../src/core/nonce.js';
import { createSigner } from '../src/core/signing.js';

const secret = 'bench-secret-0123456789abcdef';
const ROUNDS = 7;
const PER_ROUND = 20_000;

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) await fn();
  return Number(process.hrtime.bigint() - started);
}

async function ratio(name: string, a: () => unknown, b: () => unknown, labels: [string, string]): Promise<void> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ta.push(await time(a));
    tb.push(await time(b));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  console.log(
    `${name}: ${labels[1]} takes ${(median(tb) / median(ta)).toFixed(2)}x the time of ${labels[0]} (median of ${ROUNDS} alternating rounds of ${PER_ROUND})`,
  );
}

const sync = createSigner(secret);
const web = createSigner(secret, 'webcrypto');
await ratio(
  'signing',
  () => sync('nonce-123'),
  () => web('nonce-123'),
  ['node:crypto', 'Web Crypto'],
);
await ratio(
  'middleware work',
  () => createHash('sha512').update(`${secret}nonce-123`).digest('hex'),
  () => sync(randomNonce()),
  ['a bare SHA-512', 'nonce + signature'],
);
