import { describe, expect, it } from 'vitest';
import { fingerprintIntent, type Ledger, type RewardIntent } from '../../src/index.js';

/**
 * The claim rules of `Ledger` (src/ledger/types.ts) as tests any store can run: the memory ledger here,
 * a durable store with its own `makeLedger`. `advance(ms)` moves the store's clock (for lease expiry).
 */
export function ledgerContract(
  name: string,
  makeLedger: () => Promise<{ ledger: Ledger; advance: (ms: number) => void; close?: () => Promise<void> }>,
): void {
  const intent: RewardIntent = {
    productToken: 'prod_abc',
    valueMinor: 5000,
    currency: 'DKK',
    quantity: 1,
    templateId: 12,
    recipientsDigest: 'a'.repeat(64),
  };
  const other: RewardIntent = { ...intent, valueMinor: 6000 };

  describe(`${name}: the Ledger claim rules`, () => {
    it('claims a new refId, holds it against others, and settles it done for good', async () => {
      const { ledger, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      const first = await ledger.claim('r1', fp, intent, 'h1', 60_000);
      expect(first).toMatchObject({ kind: 'claimed', previous: null, entry: { state: 'in-flight', holder: 'h1' } });
      expect((await ledger.claim('r1', fp, intent, 'h2', 60_000)).kind).toBe('held');
      expect(await ledger.renew('r1', 'h2', 60_000)).toBe(false);
      expect(await ledger.renew('r1', 'h1', 60_000)).toBe(true);
      await ledger.settle('r1', 'h1', { state: 'done', orderUid: 'ord-1' });
      expect(await ledger.claim('r1', fp, intent, 'h2', 60_000)).toMatchObject({
        kind: 'done',
        entry: { orderUid: 'ord-1' },
      });
      expect((await ledger.claim('r1', await fingerprintIntent(other), other, 'h2', 60_000)).kind).toBe('conflict');
      await close?.();
    });

    it('lets a refused refId be claimed again, even for another intent', async () => {
      const { ledger, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      await ledger.claim('r2', fp, intent, 'h1', 60_000);
      await ledger.settle('r2', 'h1', { state: 'refused', reason: '422' });
      const again = await ledger.claim('r2', await fingerprintIntent(other), other, 'h2', 60_000);
      expect(again).toMatchObject({ kind: 'claimed', previous: 'refused', entry: { intent: other } });
      await close?.();
    });

    it('treats an expired lease as in doubt, and keeps in-doubt refIds in doubt until settled', async () => {
      const { ledger, advance, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      await ledger.claim('r3', fp, intent, 'dead', 1_000);
      advance(1_500);
      const taken = await ledger.claim('r3', fp, intent, 'h2', 60_000);
      expect(taken).toMatchObject({ kind: 'claimed', previous: 'in-doubt' });
      expect(taken.entry.inDoubtSince).not.toBeNull();
      await ledger.settle('r3', 'h2', { state: 'in-doubt', reason: 'search found nothing' });
      const since = (await ledger.get('r3'))?.inDoubtSince;
      const again = await ledger.claim('r3', fp, intent, 'h3', 60_000);
      expect(again).toMatchObject({ kind: 'claimed', previous: 'in-doubt' });
      expect(again.entry.inDoubtSince).toBe(since);
      // A holder that sent again gives the time of that attempt: the quarantine runs from it.
      await ledger.settle('r3', 'h3', { state: 'in-doubt', reason: 'again', since: (since ?? 0) + 5_000 });
      expect((await ledger.get('r3'))?.inDoubtSince).toBe((since ?? 0) + 5_000);
      expect((await ledger.list({ state: 'in-doubt' })).map((e) => e.refId)).toEqual(['r3']);
      await close?.();
    });

    it('ignores a settle from a holder whose claim was taken over, unless it found the order', async () => {
      const { ledger, advance, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      await ledger.claim('r4', fp, intent, 'slow', 1_000);
      advance(1_500);
      await ledger.claim('r4', fp, intent, 'h2', 60_000);
      await ledger.settle('r4', 'slow', { state: 'refused', reason: 'late' });
      expect((await ledger.get('r4'))?.state).toBe('in-flight');
      await ledger.settle('r4', 'slow', { state: 'done', orderUid: 'ord-4' });
      expect(await ledger.get('r4')).toMatchObject({ state: 'done', orderUid: 'ord-4' });
      await close?.();
    });

    it('wakes a waiter when the holder settles, and honours an abort', async () => {
      const { ledger, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      await ledger.claim('r5', fp, intent, 'h1', 60_000);
      const woke = ledger.wait('r5', 60_000);
      await ledger.settle('r5', 'h1', { state: 'done', orderUid: 'ord-5' });
      await expect(woke).resolves.toBeUndefined();
      await ledger.claim('r6', fp, intent, 'h1', 60_000);
      const stop = new AbortController();
      const aborted = ledger.wait('r6', 60_000, stop.signal);
      stop.abort(new Error('stop'));
      await expect(aborted).rejects.toThrow('stop');
      await close?.();
    });

    it('lists by state and refId prefix', async () => {
      const { ledger, close } = await makeLedger();
      const fp = await fingerprintIntent(intent);
      for (const refId of ['camp-1', 'camp-2', 'solo']) await ledger.claim(refId, fp, intent, 'h', 60_000);
      await ledger.settle('camp-1', 'h', { state: 'done', orderUid: 'o' });
      expect((await ledger.list({ refIdPrefix: 'camp-' })).map((e) => e.refId).sort()).toEqual(['camp-1', 'camp-2']);
      expect((await ledger.list({ state: ['in-flight'] })).map((e) => e.refId).sort()).toEqual(['camp-2', 'solo']);
      await close?.();
    });
  });
}
