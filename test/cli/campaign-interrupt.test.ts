import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDir, runArgs, writeRecipients } from './campaign-files.js';
import { type CliAccount, startCliAccount } from './cli-account.js';
import { parseJson, runCli, spawnCli } from './run-cli.js';

// Against the sandbox, every Order and Search answer 25 ms late so requests are in flight at Ctrl-C.
let account: CliAccount;
beforeAll(async () => {
  account = await startCliAccount({ latencyMs: 25 });
});
afterAll(() => account.close());

describe('huuray campaign run and Ctrl-C', () => {
  it('stops after the requests in flight, exits 130, leaves nothing pending, and resumes', async () => {
    const dir = campaignDir();
    const file = writeRecipients(dir, 60);
    const journal = join(dir, '.huuray', 'int.jsonl');
    const { env } = account;
    const args = runArgs(file, 'int', '--yes', '--concurrency', '4');
    const child = spawnCli(args, { env, cwd: dir });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      // Until the first row is done, however long a busy machine takes to start the binary.
      while (child.exitCode === null && !(existsSync(journal) && readFileSync(journal, 'utf8').includes('"done"'))) {
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(stderr).toMatch(/stopping after the requests in flight/);
    expect(stderr).toMatch(/run the same command again to resume/);

    const status = await runCli(['--json', 'campaign', 'status', '--name', 'int'], { env, cwd: dir });
    const counts = parseJson<{ counts: { pending: number; sent: number } }>(status).counts;
    expect(counts.pending).toBe(0);
    expect(counts.sent).toBeGreaterThan(0);
    expect(counts.sent).toBeLessThan(60);

    const resumed = await runCli(['--json', ...args], { env, cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(new Set(account.refIds()).size).toBe(60);
    expect(account.refIds()).toHaveLength(60);
  }, 120_000);
});
