/**
 * Signing: node:crypto's synchronous SHA-512 against Web Crypto's, per signature, and what a fresh
 * nonce adds to a bare hash.
 */
import { createHash } from 'node:crypto';
import { randomNonce } from '../src/core/nonce.js';
import { createSigner } from '../src/core/signing.js';
import { compare, type Table } from './harness.js';

const secret = 'bench-secret-0123456789abcdef';

function batch(fn: () => unknown, times: number): () => Promise<void> {
  return async () => {
    for (let i = 0; i < times; i++) await fn();
  };
}

export async function signing(perSample: number): Promise<Table> {
  const sync = createSigner(secret);
  const web = createSigner(secret, 'webcrypto');
  return compare(
    `Signing, ${perSample.toLocaleString('en')} signatures per sample`,
    [
      {
        name: 'bare SHA-512',
        run: batch(() => createHash('sha512').update(`${secret}nonce-123`).digest('hex'), perSample),
      },
      { name: 'nonce + node:crypto signature', run: batch(() => sync(randomNonce()), perSample) },
      { name: 'Web Crypto signature', run: batch(() => web('nonce-123'), perSample) },
    ],
    { rounds: 7, warmup: 1 },
  );
}
