import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discounted } from '../../src/domain/cost.js';
import { campaignStatus, openQueue } from '../../src/queue/index.js';
import { runCli, spawnCli } from '../cli/run-cli.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type SandboxProcess, startSandboxProcess } from '../helpers/sandbox-process.js';
import { countByRefId, pickCampaign, RICH_ACCOUNT } from './fixtures.js';

// The queue through the real `huuray` binary: campaign run --queue, worker, campaign status --queue.
let postgres: TestPostgres;
let sandbox: SandboxProcess;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'huuray-queue-cli-'));

beforeAll(async () => {
  [postgres, sandbox] = await Promise.all([
    startPostgres(),
    startSandboxProcess({ seed: 3, accounts: [RICH_ACCOUNT] }),
  ]);
  env = { HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret, HUURAY_BASE_URL: sandbox.url };
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('huuray campaign run --queue, huuray worker, huuray campaign status --queue', () => {
  it('refuses a bad file before anything is enqueued', async () => {
    const url = await postgres.database('cli_bad');
    const file = csv('bad.csv', ['name,email', 'Ada,ada@example.com', 'Bob,']);
    const run = await runCli(
      [
        'campaign',
        'run',
        file,
        '--name',
        'bad',
        '--product',
        'p',
        '--value',
        '10.00',
        '--currency',
        'DKK',
        '--template',
        '1',
        '--queue',
        url,
        '--yes',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 3: email is missing/);
    const noQueue = await runCli(['worker'], { env, timeoutMs: 60_000 });
    expect(noQueue.code).toBe(2);
    expect(noQueue.stderr).toMatch(/give --queue or set HUURAY_QUEUE_URL/);
    const queue = await openQueue({ connectionString: url });
    try {
      expect(await campaignStatus(queue, 'bad')).toBeNull();
    } finally {
      await queue.close();
    }
  }, 120_000);

  it('enqueues within a budget, a worker sends and stops on SIGTERM, status reports; a larger budget completes it', async () => {
    const url = await postgres.database('cli_good');
    const { params, discountPercent } = await pickCampaign(sandbox, 6);
    const cost = discounted(params.valueMinor, discountPercent);
    const file = csv('good.csv', ['name,email', ...Array.from({ length: 6 }, (_, i) => `P${i},p${i}@example.com`)]);
    const value = (params.valueMinor / 100).toFixed(2);
    const base = ['campaign', 'run', file, '--name', 'cliq', '--product', params.productToken, '--value', value];
    const rest = ['--currency', 'DKK', '--template', String(params.templateId), '--queue', url, '--yes'];
    const budget = ((cost * 3 + 1) / 100).toFixed(2);
    const enqueue = await runCli([...base, ...rest, '--budget', budget, '--budget-currency', 'DKK'], {
      env,
      timeoutMs: 60_000,
    });
    expect(enqueue.stderr).toMatch(/enqueued 6 row\(s\)/);
    expect(enqueue.code).toBe(0);
    expect((await sandbox.orders()).filter((o) => o.refId?.startsWith('cliq-'))).toHaveLength(0);

    // The URL holds a password: the worker takes it from the environment, out of process lists.
    const worker = spawnCli(['worker', '--concurrency', '2', '--rate-limit', '600'], {
      env: { ...env, HUURAY_QUEUE_URL: url },
    });
    let workerErr = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      workerErr += chunk.toString('utf8');
    });
    const queue = await openQueue({ connectionString: url });
    try {
      for (;;) {
        const status = await campaignStatus(queue, 'cliq');
        if (status !== null && status.settled === status.total) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const report = join(dir, 'report.csv');
      const status = await runCli(['campaign', 'status', '--name', 'cliq', '--queue', url, '--report', report], {
        env,
        timeoutMs: 60_000,
      });
      expect(status.code).toBe(1); // rows held back by the budget are not sent
      expect(status.stdout).toMatch(/3\/6 done, 0 in doubt, 0 refused, 3 over budget/);
      expect(
        readFileSync(report, 'utf8')
          .split('\n')
          .filter((l) => l.includes('over-budget')),
      ).toHaveLength(3);

      const more = ((cost * 10) / 100).toFixed(2);
      const finish = await runCli(
        [...base, ...rest, '--budget', more, '--budget-currency', 'DKK', '--wait', '--report', report],
        {
          env,
          timeoutMs: 120_000,
        },
      );
      expect(finish.code).toBe(0);
      expect(finish.stdout).toMatch(/6\/6 done/);
      const lines = readFileSync(report, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('refId,line,state,value,currency,orderUid,source,reason,inDoubtSince');
      expect(lines.slice(1).filter((l) => /,done,/.test(l))).toHaveLength(6);
    } finally {
      const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      await queue.close();
    }
    expect(workerErr).toMatch(/worker stopped; every job in hand finished/);
    const counts = countByRefId(await sandbox.orders());
    expect([...counts].filter(([ref]) => ref.startsWith('cliq-')).map(([, n]) => n)).toEqual([1, 1, 1, 1, 1, 1]);
  }, 240_000);
});
