import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Ledger, RewardIntent } from '../../src/ledger/types.js';

/** A store under test: fresh and empty per test, and optionally a second handle on the same store. */
export interface LedgerContractTarget {
  open(): Promise<Ledger>;
  /** Another handle on the store behind `ledger`, as another process would have. Default: the same object. */
  sibling?(ledger: Ledger): Promise<Ledger>;
}

const LONG_LEASE = 120_000; // never runs out during a test, however slow the machine
const SHORT_LEASE = 40; // runs out before the test goes on: each use waits longer than this first

export function intentOf(overrides: Partial<RewardIntent> = {}): RewardIntent {
  return {
    productToken: 'prod_contract',
    valueMinor: 5000,
    currency: 'DKK',
    quantity: 1,
    templateId: 1001,
    recipientsDigest: createHash('sha256').update('ada@example.com').digest('hex'),
    ...overrides,
  };
}

export function fingerprintOf(intent: RewardIntent): string {
  return createHash('sha256').update(JSON.stringify(intent)).digest('hex');
}

/**
 * The claim rules of `Ledger` (src/ledger/types.ts), for any store, on the real clock: a store whose
 * clock cannot be moved (PostgreSQL uses the database's) runs these; `ledger-contract.ts` has the
 * same rules on a movable clock. Every rule of the TSDoc has a case, plus lease expiry, settle/resolve,
 * list filters, `wait`, and many simultaneous claims through two handles on one store.
 */
export function describeLedgerContract(name: string, target: LedgerContractTarget): void {
  const intent = intentOf();
  const fp = fingerprintOf(intent);
  const other = intentOf({ valueMinor: 10_000 });
  const otherFp = fingerprintOf(other);
  const ref = () => `ref-${randomUUID()}`;

  async function withLedger(body: (ledger: Ledger) => Promise<void>): Promise<void> {
    const ledger = await target.open();
    try {
      await body(ledger);
    } finally {
      await ledger.close();
    }
  }
  const test = (title: string, body: (ledger: Ledger) => Promise<void>) => it(title, () => withLedger(body));

  describe(`Ledger contract: ${name}`, () => {
    describe('claim', () => {
      test('a new refId is claimed, in flight under the holder until its lease ends', async (ledger) => {
        const refId = ref();
        const result = await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        expect(result.kind).toBe('claimed');
        if (result.kind !== 'claimed') return;
        expect(result.previous).toBeNull();
        expect(result.entry).toMatchObject({ refId, fingerprint: fp, intent, state: 'in-flight', holder: 'holder-a' });
        expect(result.entry.orderUid).toBeNull();
        expect(result.entry.inDoubtSince).toBeNull();
        expect(result.entry.leaseUntil).toBeGreaterThanOrEqual(result.entry.updatedAt + LONG_LEASE - 1);
        expect(await ledger.get(refId)).toEqual(result.entry);
      });

      test('an intent without template or recipients comes back as given', async (ledger) => {
        const codes = intentOf({ templateId: null, recipientsDigest: null, quantity: 25 });
        const refId = ref();
        await ledger.claim(refId, fingerprintOf(codes), codes, 'holder-a', LONG_LEASE);
        expect((await ledger.get(refId))?.intent).toEqual(codes);
      });

      test('a done refId answers done, with its OrderUID, and is never claimed again', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(refId, 'holder-a', { state: 'done', orderUid: 'ord-1' });
        const again = await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        expect(again.kind).toBe('done');
        expect(again.entry).toMatchObject({ state: 'done', orderUid: 'ord-1', holder: null });
      });

      test('a live lease answers held, to another holder and to the holder itself', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        expect((await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE)).kind).toBe('held');
        expect((await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE)).kind).toBe('held');
        expect((await ledger.get(refId))?.holder).toBe('holder-a');
      });

      test('an expired lease makes the refId in doubt since the lease ended; the next claim takes it', async (ledger) => {
        const refId = ref();
        const first = await ledger.claim(refId, fp, intent, 'holder-a', SHORT_LEASE);
        if (first.kind !== 'claimed') throw new Error('first claim must succeed');
        await delay(SHORT_LEASE * 3);
        const second = await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        expect(second.kind).toBe('claimed');
        if (second.kind !== 'claimed') return;
        expect(second.previous).toBe('in-doubt');
        expect(second.entry).toMatchObject({ state: 'in-flight', holder: 'holder-b' });
        expect(second.entry.inDoubtSince).toBe(first.entry.leaseUntil);
      });

      test('an in-doubt refId is claimed with previous in-doubt, and inDoubtSince is kept', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(refId, 'holder-a', { state: 'in-doubt', reason: 'order timed out' });
        const since = (await ledger.get(refId))?.inDoubtSince;
        expect(since).toEqual(expect.any(Number));
        const taken = await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        expect(taken).toMatchObject({ kind: 'claimed', previous: 'in-doubt' });
        expect(taken.entry.inDoubtSince).toBe(since);
        await ledger.settle(refId, 'holder-b', { state: 'in-doubt', reason: 'search found nothing yet' });
        expect(await ledger.get(refId)).toMatchObject({ state: 'in-doubt', inDoubtSince: since, holder: null });
      });

      test('a refused refId is claimed again with previous refused', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(refId, 'holder-a', { state: 'refused', reason: 'No Giftcard left' });
        const again = await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        expect(again).toMatchObject({ kind: 'claimed', previous: 'refused' });
        expect(again.entry).toMatchObject({ state: 'in-flight', holder: 'holder-b', inDoubtSince: null });
      });

      test('another fingerprint is a conflict over in-flight, done and in-doubt entries, and changes nothing', async (ledger) => {
        const inFlight = ref();
        const done = ref();
        const inDoubt = ref();
        for (const refId of [inFlight, done, inDoubt]) await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(done, 'holder-a', { state: 'done', orderUid: 'ord-2' });
        await ledger.settle(inDoubt, 'holder-a', { state: 'in-doubt', reason: 'lost answer' });
        for (const refId of [inFlight, done, inDoubt]) {
          const before = await ledger.get(refId);
          const result = await ledger.claim(refId, otherFp, other, 'holder-b', LONG_LEASE);
          expect(result.kind).toBe('conflict');
          expect(result.entry.fingerprint).toBe(fp);
          expect(await ledger.get(refId)).toEqual(before);
        }
      });

      test('another fingerprint over a refused entry replaces its intent', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(refId, 'holder-a', { state: 'refused', reason: 'value not a denomination' });
        const replaced = await ledger.claim(refId, otherFp, other, 'holder-b', LONG_LEASE);
        expect(replaced).toMatchObject({ kind: 'claimed', previous: 'refused' });
        expect(replaced.entry).toMatchObject({ fingerprint: otherFp, intent: other, holder: 'holder-b' });
      });

      it('many simultaneous claims of one refId: exactly one is claimed, every other is held', async () => {
        const ledger = await target.open();
        const sibling = (await target.sibling?.(ledger)) ?? ledger;
        try {
          const refId = ref();
          const results = await Promise.all(
            Array.from({ length: 40 }, (_, i) =>
              (i % 2 === 0 ? ledger : sibling).claim(refId, fp, intent, `holder-${i}`, LONG_LEASE),
            ),
          );
          expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
          expect(results.filter((r) => r.kind === 'held')).toHaveLength(39);
        } finally {
          if (sibling !== ledger) await sibling.close();
          await ledger.close();
        }
      });

      it('simultaneous claims after a lease ran out: exactly one takes the in-doubt refId over', async () => {
        const ledger = await target.open();
        const sibling = (await target.sibling?.(ledger)) ?? ledger;
        try {
          const refId = ref();
          await ledger.claim(refId, fp, intent, 'crashed', SHORT_LEASE);
          await delay(SHORT_LEASE * 3);
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              (i % 2 === 0 ? ledger : sibling).claim(refId, fp, intent, `holder-${i}`, LONG_LEASE),
            ),
          );
          const claimed = results.filter((r) => r.kind === 'claimed');
          expect(claimed).toHaveLength(1);
          expect(claimed[0]).toMatchObject({ previous: 'in-doubt' });
        } finally {
          if (sibling !== ledger) await sibling.close();
          await ledger.close();
        }
      });
    });

    describe('renew, settle, resolve', () => {
      test('renew extends the holder lease and is refused to anyone else or after settling', async (ledger) => {
        const refId = ref();
        const claimed = await ledger.claim(refId, fp, intent, 'holder-a', 60_000);
        expect(await ledger.renew(refId, 'holder-b', LONG_LEASE)).toBe(false);
        expect(await ledger.renew(refId, 'holder-a', LONG_LEASE)).toBe(true);
        expect((await ledger.get(refId))?.leaseUntil).toBeGreaterThan(claimed.entry.leaseUntil ?? 0);
        await ledger.settle(refId, 'holder-a', { state: 'done', orderUid: 'ord-3' });
        expect(await ledger.renew(refId, 'holder-a', LONG_LEASE)).toBe(false);
        expect(await ledger.renew(ref(), 'holder-a', LONG_LEASE)).toBe(false);
      });

      test('settle records each outcome and releases the claim', async (ledger) => {
        const [done, refused, inDoubt] = [ref(), ref(), ref()];
        for (const refId of [done, refused, inDoubt]) await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(done, 'holder-a', { state: 'done', orderUid: 'ord-4' });
        await ledger.settle(refused, 'holder-a', { state: 'refused', reason: 'No Giftcard left' });
        await ledger.settle(inDoubt, 'holder-a', { state: 'in-doubt', reason: 'order timed out' });
        const release = { holder: null, leaseUntil: null };
        expect(await ledger.get(done)).toMatchObject({
          ...release,
          state: 'done',
          orderUid: 'ord-4',
          inDoubtSince: null,
        });
        expect(await ledger.get(refused)).toMatchObject({ ...release, state: 'refused', reason: 'No Giftcard left' });
        const doubt = await ledger.get(inDoubt);
        expect(doubt).toMatchObject({ ...release, state: 'in-doubt', reason: 'order timed out' });
        expect(doubt?.inDoubtSince).toEqual(expect.any(Number));
      });

      test('a settled in-doubt entry keeps its inDoubtSince until done clears it', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(refId, 'holder-a', { state: 'in-doubt', reason: 'first' });
        const since = (await ledger.get(refId))?.inDoubtSince;
        await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        await ledger.settle(refId, 'holder-b', { state: 'done', orderUid: 'ord-5' });
        expect(since).toEqual(expect.any(Number));
        expect(await ledger.get(refId)).toMatchObject({ state: 'done', inDoubtSince: null, orderUid: 'ord-5' });
      });

      test('an in-doubt settlement with since sets inDoubtSince to it; without, the earlier one is kept', async (ledger) => {
        const refId = ref();
        const claimed = await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        const resumed = claimed.entry.createdAt - 60_000;
        await ledger.settle(refId, 'holder-a', { state: 'in-doubt', reason: 'resumed', since: resumed });
        expect((await ledger.get(refId))?.inDoubtSince).toBe(resumed);
        await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        await ledger.settle(refId, 'holder-b', { state: 'in-doubt', reason: 'searched only' });
        expect((await ledger.get(refId))?.inDoubtSince).toBe(resumed);
        await ledger.claim(refId, fp, intent, 'holder-c', LONG_LEASE);
        await ledger.settle(refId, 'holder-c', { state: 'in-doubt', reason: 'sent again', since: resumed + 30_000 });
        expect((await ledger.get(refId))?.inDoubtSince).toBe(resumed + 30_000);
      });

      test('resolve settles an in-doubt refId without a holder', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'crashed', SHORT_LEASE);
        await delay(SHORT_LEASE * 3);
        await ledger.resolve(refId, { state: 'done', orderUid: 'ord-6' });
        expect(await ledger.get(refId)).toMatchObject({ state: 'done', orderUid: 'ord-6', holder: null });
        expect((await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE)).kind).toBe('done');
      });

      test('a former holder whose lease ran out does not disturb the new holder', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'slow', SHORT_LEASE);
        await delay(SHORT_LEASE * 3);
        await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE);
        expect(await ledger.renew(refId, 'slow', LONG_LEASE)).toBe(false);
        await ledger.settle(refId, 'slow', { state: 'in-doubt', reason: 'late' });
        expect(await ledger.get(refId)).toMatchObject({ state: 'in-flight', holder: 'holder-b' });
      });
    });

    describe('get, list, wait', () => {
      test('get answers null for an unknown refId', async (ledger) => {
        expect(await ledger.get(ref())).toBeNull();
      });

      test('list filters by state, refId prefix and limit', async (ledger) => {
        const p = `camp_1%-${randomUUID().slice(0, 8)}-`;
        const ids = Array.from({ length: 4 }, (_, i) => `${p}${i}`);
        for (const refId of ids) await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.claim('camp_1x-not-this-prefix', fp, intent, 'holder-a', LONG_LEASE);
        await ledger.settle(ids[0] ?? '', 'holder-a', { state: 'done', orderUid: 'ord-7' });
        await ledger.settle(ids[1] ?? '', 'holder-a', { state: 'refused', reason: 'no' });
        await ledger.settle(ids[2] ?? '', 'holder-a', { state: 'in-doubt', reason: 'lost' });
        const refIds = async (q: Parameters<Ledger['list']>[0]) => (await ledger.list(q)).map((e) => e.refId).sort();
        expect(await refIds({ refIdPrefix: p })).toEqual(ids);
        expect(await refIds({ refIdPrefix: p, state: 'in-doubt' })).toEqual([ids[2]]);
        expect(await refIds({ refIdPrefix: p, state: ['done', 'in-flight'] })).toEqual([ids[0], ids[3]]);
        expect(await ledger.list({ refIdPrefix: p, limit: 2 })).toHaveLength(2);
        expect((await ledger.list()).length).toBeGreaterThanOrEqual(5);
      });

      test('wait returns once the holder settles', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        const waited = ledger.wait(refId, LONG_LEASE);
        await delay(20);
        await ledger.settle(refId, 'holder-a', { state: 'done', orderUid: 'ord-8' });
        await waited;
        expect((await ledger.claim(refId, fp, intent, 'holder-b', LONG_LEASE)).kind).toBe('done');
      });

      test('wait returns once the lease ends, and after maxWaitMs otherwise', async (ledger) => {
        const ending = ref();
        await ledger.claim(ending, fp, intent, 'crashed', SHORT_LEASE);
        await ledger.wait(ending, LONG_LEASE);
        expect(await ledger.claim(ending, fp, intent, 'holder-b', LONG_LEASE)).toMatchObject({ previous: 'in-doubt' });
        const held = ref();
        await ledger.claim(held, fp, intent, 'holder-a', LONG_LEASE);
        await ledger.wait(held, 30);
        expect((await ledger.get(held))?.state).toBe('in-flight');
      });

      test('wait stops when its signal aborts', async (ledger) => {
        const refId = ref();
        await ledger.claim(refId, fp, intent, 'holder-a', LONG_LEASE);
        const controller = new AbortController();
        const waited = ledger.wait(refId, LONG_LEASE, controller.signal);
        controller.abort(new Error('stop waiting'));
        await expect(waited).rejects.toThrow('stop waiting');
      });
    });
  });
}
