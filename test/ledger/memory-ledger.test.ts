import { describe, expect, it } from 'vitest';
import { fingerprintIntent, MemoryLedger, recipientsDigest } from '../../src/index.js';
import { ledgerContract } from './ledger-contract.js';

ledgerContract('MemoryLedger', async () => {
  let now = 1_700_000_000_000;
  return { ledger: new MemoryLedger({ now: () => now }), advance: (ms) => (now += ms) };
});

describe('MemoryLedger', () => {
  it('forgets the oldest settled entries beyond its limit, never one in doubt', async () => {
    const ledger = new MemoryLedger({ maxSettledEntries: 2 });
    const intent = {
      productToken: 'p',
      valueMinor: 1,
      currency: 'DKK',
      quantity: 1,
      templateId: null,
      recipientsDigest: null,
    };
    const fp = await fingerprintIntent(intent);
    await ledger.claim('doubt', fp, intent, 'h', 60_000);
    await ledger.settle('doubt', 'h', { state: 'in-doubt', reason: 'lost' });
    for (const refId of ['a', 'b', 'c']) {
      await ledger.claim(refId, fp, intent, 'h', 60_000);
      await ledger.settle(refId, 'h', { state: 'done', orderUid: refId });
    }
    expect((await ledger.list()).map((e) => e.refId).sort()).toEqual(['c', 'doubt']);
  });
});

describe('fingerprints', () => {
  it('are SHA-256 hex, equal for the same reward and different for any other field', async () => {
    const base = {
      productToken: 'p',
      valueMinor: 1,
      currency: 'DKK',
      quantity: 1,
      templateId: 3,
      recipientsDigest: null,
    };
    const fp = await fingerprintIntent(base);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintIntent({ ...base, currency: 'dkk' })).toBe(fp);
    for (const change of [
      { productToken: 'q' },
      { valueMinor: 2 },
      { currency: 'EUR' },
      { quantity: 2 },
      { templateId: null },
    ]) {
      expect(await fingerprintIntent({ ...base, ...change })).not.toBe(fp);
    }
  });

  it('digest recipients without keeping them, and ignore the case of an email', async () => {
    const digest = await recipientsDigest([{ name: 'Ada', email: 'Ada@Example.com' }]);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await recipientsDigest([{ name: 'Ada', email: 'ada@example.com' }])).toBe(digest);
    expect(await recipientsDigest([{ name: 'Ada', email: 'bob@example.com' }])).not.toBe(digest);
    expect(await recipientsDigest([])).toBeNull();
  });
});
