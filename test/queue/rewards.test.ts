import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HuurayConflictError } from '../../src/core/errors/conflict-error.js';
import { HuurayValidationError } from '../../src/core/errors/validation-error.js';
import { campaignStatus, enqueueCampaign, enqueueReward, openQueue, startWorker } from '../../src/queue/index.js';
import type { SendInput } from '../../src/workflows/send.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type SandboxProcess, startSandboxProcess } from '../helpers/sandbox-process.js';
import { campaignRows, countByRefId, pickCampaign, RICH_ACCOUNT } from './fixtures.js';

// Single rewards as jobs, and the refId rules of enqueueing: idempotent, conflicts refused whole.
let postgres: TestPostgres;
let sandbox: SandboxProcess;

beforeAll(async () => {
  [postgres, sandbox] = await Promise.all([
    startPostgres(),
    startSandboxProcess({ seed: 21, accounts: [RICH_ACCOUNT] }),
  ]);
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

describe('enqueueReward and enqueueCampaign', () => {
  it('enqueues a single reward once per refId, refuses bad input and a reused refId, and a worker sends it once', async () => {
    const queue = await openQueue({ connectionString: await postgres.database('rewards'), leaseSeconds: 5 });
    const { params } = await pickCampaign(sandbox, 3);
    const reward: SendInput = {
      productToken: params.productToken,
      valueMinor: params.valueMinor,
      currency: 'DKK',
      templateId: params.templateId,
      recipient: { name: 'Ada', email: 'ada@example.com' },
      refId: 'single-ada',
    };
    try {
      await expect(enqueueReward(queue, { ...reward, valueMinor: 10.5 })).rejects.toBeInstanceOf(HuurayValidationError);
      expect(await campaignStatus(queue, 'rewards')).toBeNull();

      expect(await enqueueReward(queue, reward)).toEqual({ enqueued: true });
      expect(await enqueueReward(queue, reward)).toEqual({ enqueued: false });
      const conflict = enqueueReward(queue, { ...reward, recipient: { name: 'Bob', email: 'bob@example.com' } });
      await expect(conflict).rejects.toBeInstanceOf(HuurayConflictError);

      // A campaign with one clean row and one refId already used elsewhere enqueues nothing.
      const rows = campaignRows('mixed', 2, params);
      const clash = { ...(rows[1] as (typeof rows)[number]), refId: 'single-ada' };
      await expect(
        enqueueCampaign(queue, { name: 'mixed', rows: [rows[0] as (typeof rows)[number], clash], params }),
      ).rejects.toBeInstanceOf(HuurayConflictError);
      expect((await campaignStatus(queue, 'mixed'))?.total ?? 0).toBe(0);

      const worker = await startWorker(queue, {
        huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
        rateLimit: false,
        pollingIntervalSeconds: 0.5,
      });
      try {
        for (;;) {
          const status = await campaignStatus(queue, 'rewards');
          if (status?.counts.done === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        await worker.stop();
      }
      expect(await enqueueReward(queue, reward)).toEqual({ enqueued: false });
      expect(countByRefId(await sandbox.orders()).get('single-ada')).toBe(1);
    } finally {
      await queue.close();
    }
  }, 120_000);

  it('stops gracefully: the job in hand finishes and is recorded before stop() resolves', async () => {
    const queue = await openQueue({ connectionString: await postgres.database('graceful'), leaseSeconds: 5 });
    const { params } = await pickCampaign(sandbox, 1);
    await sandbox.command({ kind: 'next-fault', operation: 'Order', fault: { kind: 'latency', ms: 1_500 } });
    const worker = await startWorker(queue, {
      huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
      rateLimit: false,
      pollingIntervalSeconds: 0.2,
    });
    try {
      await enqueueReward(
        queue,
        {
          productToken: params.productToken,
          valueMinor: params.valueMinor,
          currency: 'DKK',
          templateId: params.templateId,
          recipient: { name: 'Cy', email: 'cy@example.com' },
          refId: 'graceful-cy',
        },
        { group: 'graceful' },
      );
      for (;;) {
        const status = await campaignStatus(queue, 'graceful');
        if (status?.counts['in-flight'] === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await worker.stop();
      const after = await campaignStatus(queue, 'graceful');
      expect(after?.counts.done).toBe(1);
      expect(worker.inHand).toBe(0);
      expect(countByRefId(await sandbox.orders()).get('graceful-cy')).toBe(1);
    } finally {
      await worker.stop();
      await queue.close();
    }
  }, 120_000);

  it('opens on a fresh database from several processes at once', async () => {
    const url = await postgres.database('fresh');
    const queues = await Promise.all([1, 2, 3].map(() => openQueue({ connectionString: url })));
    await Promise.all(queues.map((q) => q.close()));
    const again = await openQueue({ connectionString: url });
    try {
      expect(await campaignStatus(again, 'nothing')).toBeNull();
    } finally {
      await again.close();
    }
  }, 120_000);
});
