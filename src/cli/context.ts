import type { Command } from 'commander';
import { Huuray } from '../huuray.js';
import type { Ledger } from '../ledger/types.js';
import { usageError } from './exit-codes.js';
import { openLedger } from './ledger-connection.js';
import { Output } from './output.js';
import { type SandboxHandle, startSandbox } from './sandbox-adapter.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly token?: string;
  readonly secret?: string;
  readonly baseUrl?: string;
  readonly sandbox?: boolean;
  readonly showCodes?: boolean;
  readonly timeout?: number;
  readonly orderTimeout?: number;
  readonly settleDelay?: number;
  readonly quarantine?: number;
  /** PostgreSQL ledger URL (`--ledger`, else `HUURAY_LEDGER_URL`). */
  readonly ledger?: string;
}

/** What a command runs with. */
export interface CommandContext {
  readonly huuray: Huuray;
  readonly out: Output;
  readonly globals: GlobalOptions;
}

export function outputFor(command: Command): Output {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return new Output({ json: globals.json === true, showCodes: globals.showCodes === true });
}

/**
 * Runs `body` with a `Huuray` built from flags, then `HUURAY_API_TOKEN`, `HUURAY_API_SECRET` and
 * `HUURAY_BASE_URL`, or against an in-process sandbox with `--sandbox` (closed afterwards). With
 * `--ledger` or `HUURAY_LEDGER_URL`, every order goes through that PostgreSQL ledger (opened here and
 * closed afterwards, unless the caller passes one it already opened) so processes and machines share it.
 */
export async function withHuuray<T>(
  command: Command,
  body: (ctx: CommandContext) => Promise<T>,
  ledger?: Ledger,
): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const out = outputFor(command);
  let sandbox: SandboxHandle | null = null;
  const ledgerUrl = globals.ledger ?? process.env.HUURAY_LEDGER_URL;
  const ownLedger =
    ledger === undefined && ledgerUrl !== undefined && ledgerUrl !== '' ? await openLedger(ledgerUrl) : null;
  const shared = ledger ?? ownLedger ?? undefined;
  try {
    let credentials: { token: string; secret: string; baseUrl: string | undefined };
    if (globals.sandbox === true) {
      sandbox = await startSandbox();
      credentials = { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url };
    } else {
      const token = globals.token ?? process.env.HUURAY_API_TOKEN;
      const secret = globals.secret ?? process.env.HUURAY_API_SECRET;
      if (!token || !secret) {
        throw usageError(
          'no credentials: set HUURAY_API_TOKEN and HUURAY_API_SECRET (or --token/--secret), or try --sandbox',
        );
      }
      credentials = { token, secret, baseUrl: globals.baseUrl ?? (process.env.HUURAY_BASE_URL || undefined) };
    }
    const huuray = new Huuray({
      ...credentials,
      ...(globals.timeout === undefined ? {} : { timeoutMs: globals.timeout }),
      ...(globals.orderTimeout === undefined ? {} : { orderTimeoutMs: globals.orderTimeout }),
      ...(shared === undefined ? {} : { ledger: shared }),
      reconcile: {
        ...(globals.settleDelay === undefined ? {} : { settleDelayMs: globals.settleDelay }),
        ...(globals.quarantine === undefined ? {} : { quarantineMs: globals.quarantine }),
      },
    });
    return await body({ huuray, out, globals });
  } finally {
    await sandbox?.close();
    await ownLedger?.close();
  }
}
