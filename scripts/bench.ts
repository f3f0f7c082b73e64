/**
 * `npm run bench`: side-by-side ratios, never bare times (machines differ; ratios travel).
 *   1. signing: node:crypto's synchronous SHA-512 against Web Crypto's, per signature;
 *   2. nonce + signature against a plain SHA-512, to show what the signing middleware adds;
 *   3. a 100,000-product catalogue from the sandbox read with and without zod response validation;
 *   4. building the sandbox's 100,000-product catalogue against building 1,000 (moved here from the
 *      suite, where a time limit failed on busy machines): near 100x means it scales linearly.
 * Rounds alternate between the contenders so drift and warm-up hit both alike.
 */
import { createHash } from 'node:crypto';
import { randomNonce } from '../src/core/nonce.js';
import { createSigner } from '../src/core/signing.js';
import { Huuray } from '../src/index.js';
import { generateCatalogue } from '../src/sandbox/catalogue.js';
import { startSandbox } from '../src/sandbox/index.js';

const secret = 'bench-secret-0123456789abcdef';
const ROUNDS = 7;
const PER_ROUND = 20_000;

async function time(fn: () => unknown | Promise<unknown>, times: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await fn();
  return Number(process.hrtime.bigint() - started);
}

async function ratio(
  name: string,
  a: () => unknown,
  b: () => unknown,
  labels: [string, string],
  perRound = PER_ROUND,
  rounds = ROUNDS,
): Promise<void> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    ta.push(await time(a, perRound));
    tb.push(await time(b, perRound));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  console.log(
    `${name}: ${labels[1]} takes ${(median(tb) / median(ta)).toFixed(2)}x the time of ${labels[0]} (median of ${rounds} alternating rounds of ${perRound})`,
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

const sandbox = await startSandbox({ catalogueSize: 100_000 });
try {
  const options = { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url, timeoutMs: 120_000 };
  const checked = new Huuray(options);
  const unchecked = new Huuray({ ...options, validateResponses: false });
  await ratio(
    'catalogue of 100,000 products',
    () => unchecked.catalogue(),
    () => checked.catalogue(),
    ['no response validation', 'zod validation'],
    1,
    3,
  );
} finally {
  await sandbox.close();
}

await ratio(
  'sandbox catalogue build',
  () => generateCatalogue(7, 1_000),
  () => generateCatalogue(7, 100_000),
  ['1,000 products', '100,000 products'],
  1,
  5,
);
