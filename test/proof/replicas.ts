import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SENDER = resolve(root, 'test/proof/sender.ts');
const TSX = import.meta.resolve('tsx');

/** How the replicas send: everything test/proof/sender.ts reads from its environment. */
export interface ReplicaSettings {
  readonly baseUrl: string;
  readonly token: string;
  readonly secret: string;
  readonly ledgerUrl: string;
  readonly refIds: readonly string[];
  readonly productToken: string;
  readonly valueMinor: number;
  readonly templateId: number;
  readonly concurrency: number;
  readonly orderTimeoutMs: number;
  readonly settleDelayMs: number;
  readonly checks: number;
  readonly quarantineMs: number;
  /** `send` calls per refId at most, in-doubt retries included. */
  readonly maxCalls: number;
}

/** What one replica said before it ended (or was killed). */
export interface ReplicaRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Lines `sent <refId> <source>` seen. */
  readonly sent: number;
  /** The final summary, absent when the replica was killed. */
  readonly outcomes: Record<string, string> | null;
  readonly stderr: string;
}

/**
 * Starts one replica. With `killAfterSent`, it is SIGKILLed as soon as it has reported that many
 * refIds sent, which leaves its other orders in flight mid-request.
 */
export function startReplica(settings: ReplicaSettings, seed: number, killAfterSent?: number): Promise<ReplicaRun> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, SENDER], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HUURAY_BASE_URL: settings.baseUrl,
      HUURAY_API_TOKEN: settings.token,
      HUURAY_API_SECRET: settings.secret,
      PROOF_LEDGER_URL: settings.ledgerUrl,
      PROOF_REFIDS: settings.refIds.join(','),
      PROOF_PRODUCT: settings.productToken,
      PROOF_VALUE: String(settings.valueMinor),
      PROOF_TEMPLATE: String(settings.templateId),
      PROOF_CONCURRENCY: String(settings.concurrency),
      PROOF_ORDER_TIMEOUT_MS: String(settings.orderTimeoutMs),
      PROOF_SETTLE_DELAY_MS: String(settings.settleDelayMs),
      PROOF_CHECKS: String(settings.checks),
      PROOF_QUARANTINE_MS: String(settings.quarantineMs),
      PROOF_MAX_CALLS: String(settings.maxCalls),
      PROOF_SEED: String(seed),
    },
  });
  let sent = 0;
  let pending = '';
  let summary: Record<string, string> | null = null;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('sent ')) sent++;
      if (line.startsWith('{')) summary = (JSON.parse(line) as { outcomes: Record<string, string> }).outcomes;
      if (killAfterSent !== undefined && sent >= killAfterSent && child.exitCode === null) child.kill('SIGKILL');
    }
  });
  return new Promise((done) =>
    child.on('close', (code, signal) => done({ code, signal, sent, outcomes: summary, stderr })),
  );
}
