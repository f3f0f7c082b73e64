import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callJson } from './signed.js';

const script = fileURLToPath(new URL('../../scripts/sandbox.ts', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

describe('npm run sandbox', () => {
  it('prints URL and credentials, serves Balance and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [tsxCli, script, '--seed', '3', '--catalogue-size', '10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      const printed = await new Promise<Record<string, string>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no credentials printed:\n${output}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = Object.fromEntries([...output.matchAll(/^(HUURAY_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
          if (found.HUURAY_API_SECRET !== undefined) {
            clearTimeout(timer);
            resolve(found);
          }
        });
        child.once('exit', () => reject(new Error(`exited early:\n${output}`)));
      });
      const credentials = {
        url: printed.HUURAY_BASE_URL ?? '',
        token: printed.HUURAY_API_TOKEN ?? '',
        secret: printed.HUURAY_API_SECRET ?? '',
      };
      expect(credentials.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { status, body } = await callJson(credentials, '/v4/Balance', { method: 'GET' });
      expect(status).toBe(200);
      expect(body.Balances).toHaveLength(3);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
