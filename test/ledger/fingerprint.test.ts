import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintIntent, recipientsDigest, sha256HexWebCrypto } from '../../src/ledger/fingerprint.js';
import type { RewardIntent } from '../../src/ledger/types.js';

// Fingerprints live on in durable ledgers (PostgreSQL), so whichever hash computed one (node:crypto
// where the runtime offers it, Web Crypto elsewhere), it must be the same digest of the same text.
const intent = (over: Partial<RewardIntent> = {}): RewardIntent => ({
  productToken: 'prod_abc',
  valueMinor: 5000,
  currency: 'DKK',
  quantity: 1,
  templateId: 12,
  recipientsDigest: null,
  ...over,
});

describe('fingerprints', () => {
  it('are SHA-256 hex of the canonical intent, the same as Web Crypto computes, for any text', async () => {
    expect(await fingerprintIntent(intent())).toBe(
      await sha256HexWebCrypto(JSON.stringify(['prod_abc', 5000, 'DKK', 1, 12, null])),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 2_147_483_647 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: undefined }),
        async (productToken, valueMinor, email) => {
          const digest = await recipientsDigest([{ name: productToken, ...(email === undefined ? {} : { email }) }]);
          const canonicalRecipients = JSON.stringify([[productToken, email?.toLowerCase() ?? null, null, null]]);
          expect(digest).toBe(await sha256HexWebCrypto(canonicalRecipients));
          const print = await fingerprintIntent(intent({ productToken, valueMinor, recipientsDigest: digest }));
          const canonical = JSON.stringify([productToken, valueMinor, 'DKK', 1, 12, digest]);
          expect(print).toBe(await sha256HexWebCrypto(canonical));
          expect(print).toMatch(/^[0-9a-f]{64}$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('match a published SHA-256 vector', async () => {
    expect(await sha256HexWebCrypto('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
