import type * as fs from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type CampaignParams, parseRecipients, runCampaign } from '../../src/campaign/index.js';
import { sandboxFixture } from '../helpers/sandbox-fixture.js';

// What is durable is what a sync covered: the file's size when a sync (any of Node's four) was called,
// once that sync has returned. Recorded by wrapping the real functions, so the journal still syncs; the
// asynchronous ones answer a few ms late, a slow disk, so that an order sent without waiting for its
// sync would overtake it.
const { synced, SLOW_DISK_MS } = vi.hoisted(() => ({
  SLOW_DISK_MS: 5,
  synced: { bytes: new Map<number, number>(), paths: new Map<string, number>() },
}));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const record = (fd: number, size: number) => synced.bytes.set(fd, Math.max(synced.bytes.get(fd) ?? 0, size));
  const wrapAsync =
    (sync: (fd: number, cb: (error: NodeJS.ErrnoException | null) => void) => void) =>
    (fd: number, cb: (error: NodeJS.ErrnoException | null) => void) => {
      const size = real.fstatSync(fd).size;
      sync(fd, (error) => {
        setTimeout(() => {
          if (error === null) record(fd, size);
          cb(error);
        }, SLOW_DISK_MS);
      });
    };
  const wrapSync = (sync: (fd: number) => void) => (fd: number) => {
    const size = real.fstatSync(fd).size;
    sync(fd);
    record(fd, size);
  };
  const openSync = (path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (real.openSync as (...args: unknown[]) => number)(path, ...rest);
    synced.paths.set(String(path), fd);
    synced.bytes.delete(fd);
    return fd;
  };
  return {
    ...real,
    openSync,
    fsync: wrapAsync(real.fsync),
    fdatasync: wrapAsync(real.fdatasync),
    fsyncSync: wrapSync(real.fsyncSync),
    fdatasyncSync: wrapSync(real.fdatasyncSync),
  };
});

/** The journal's records that a sync has made durable. */
function durableRecords(path: string): { refId?: string; state?: string }[] {
  const fd = synced.paths.get(path);
  const bytes = fd === undefined ? 0 : (synced.bytes.get(fd) ?? 0);
  const text = readFileSync(path).subarray(0, bytes).toString('utf8');
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as { refId?: string; state?: string });
}

const csv = (n: number) =>
  Buffer.from(['name,email', ...Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com`)].join('\n'));

describe('campaign journal: a row is on disk before its order is sent', () => {
  it.each([1, 8, 32])(
    'every Order request at concurrency %i leaves after its row was journaled pending and synced',
    async (concurrency) => {
      const f = await sandboxFixture({
        faults: { Order: { rate: 1, kinds: [{ kind: 'latency', ms: 3 }] } },
      });
      const params: CampaignParams = {
        productToken: f.productToken,
        currency: f.currency,
        valueMinor: f.valueMinor,
        templateId: f.templateId,
      };
      const journalPath = join(mkdtempSync(join(tmpdir(), 'huuray-order-')), 'ord.jsonl');
      const checked: string[] = [];
      const unjournaled: string[] = [];
      const huuray = f.client({
        // Generous limits: this test is about order, and a loaded machine must not turn rows unknown.
        timeoutMs: 60_000,
        orderTimeoutMs: 60_000,
        fetch: async (request: Request) => {
          if (request.method === 'POST' && new URL(request.url).pathname.toLowerCase() === '/v4/order') {
            const refId = ((await request.clone().json()) as { RefID: string }).RefID;
            const durable = durableRecords(journalPath);
            if (!durable.some((r) => r.refId === refId && r.state === 'pending')) unjournaled.push(refId);
            checked.push(refId);
          }
          return fetch(request);
        },
      });
      const rows = parseRecipients(csv(3 * concurrency + 5), 'ord', params);
      const result = await runCampaign(huuray, { name: 'ord', rows, params, journalPath, concurrency });

      expect(result.counts).toMatchObject({ total: rows.length, sent: rows.length });
      expect(unjournaled).toEqual([]);
      expect(checked.sort()).toEqual(rows.map((r) => r.refId).sort());
      expect(f.orderRequests()).toBe(rows.length);
      expect(
        f.sandbox.state
          .orders()
          .map((o) => o.refId)
          .sort(),
      ).toEqual(checked);
    },
  );
});
